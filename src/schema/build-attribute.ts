/** One attribute definition → a typed attribute, reporting everything wrong with it. */
import { ATTRIBUTE_PROPERTIES, REJECTED_PROPERTIES } from './attribute-properties.js';
import { buildPluralAttribute, buildSingularAttribute } from './build-association-attribute.js';
import { buildScalarAttribute } from './build-scalar-attribute.js';
import type { Say } from './common-attribute-checks.js';
import type { Attribute } from './ontology.js';
import { hasOwn, isDictionary } from './plain-data.js';

export function buildAttribute(name: string, raw: unknown, say: Say): Attribute | undefined {
  if (name.includes('.')) say('attribute names cannot contain `.`.');
  if (name === 'toJSON') say('`toJSON` cannot be an attribute name (it is used to serialise records); rename it.');
  if (typeof raw === 'function') {
    say('is a function; attributes are dictionaries like `{type: \'string\'}` (custom model methods go at the top level, next to `attributes`).');
    return undefined;
  }
  if (!isDictionary(raw)) {
    say('must be a dictionary like `{type: \'string\'}`, a type name, or `false` to remove a default attribute.');
    return undefined;
  }

  for (const key of Object.keys(raw)) {
    const rejected = REJECTED_PROPERTIES[key];
    if (rejected !== undefined) say(`\`${key}\` ${rejected}`);
    else if (!ATTRIBUTE_PROPERTIES.includes(key)) say(`\`${key}\` isn't a recognized attribute property or validation rule.`);
  }

  const isSingular = hasOwn(raw, 'model');
  const isPlural = hasOwn(raw, 'collection');
  if (isSingular && isPlural) {
    say('an attribute cannot have both `model` and `collection`.');
    return undefined;
  }
  if (isSingular) return buildSingularAttribute(name, raw, say);
  if (isPlural) return buildPluralAttribute(name, raw, say);
  return buildScalarAttribute(name, raw, say);
}
