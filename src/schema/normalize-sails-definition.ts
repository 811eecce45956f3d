/**
 * Sails (sails-hook-orm) shorthands applied to a whole model definition before validation,
 * so Mooring accepts both the raw Waterline format and the forms Sails apps use.
 */
import { normalizeSailsAttribute } from './normalize-sails-attribute.js';
import { isDictionary, type Dictionary } from './plain-data.js';

export interface AttributeMessage {
  readonly attribute: string;
  readonly message: string;
}

export interface NormalizedDefinition {
  /** A shallow copy of the definition with `attributes` rewritten; never mutates the input. */
  readonly definition: Dictionary;
  /** Shorthands that are errors in Sails (rejected types, unsupported rules). */
  readonly problems: readonly AttributeMessage[];
  /** Deprecated forms that were accepted and rewritten. */
  readonly warnings: readonly AttributeMessage[];
  /** Attributes whose problem makes further checks pointless (e.g. a rejected type). */
  readonly unusable: readonly string[];
}

export function normalizeSailsDefinition(def: Readonly<Dictionary>): NormalizedDefinition {
  const definition: Dictionary = { ...def };
  const problems: AttributeMessage[] = [];
  const warnings: AttributeMessage[] = [];
  const unusable: string[] = [];
  const rawAttributes = def['attributes'] ?? {};
  if (!isDictionary(rawAttributes)) return { definition, problems, warnings, unusable };

  const primaryKey = typeof def['primaryKey'] === 'string' ? def['primaryKey'] : 'id';
  const attributes: Dictionary = {};
  for (const [name, raw] of Object.entries(rawAttributes)) {
    const result = normalizeSailsAttribute(name, raw, name === primaryKey);
    for (const message of result.problems) problems.push({ attribute: name, message });
    for (const message of result.warnings) warnings.push({ attribute: name, message });
    if (result.unusable) unusable.push(name);
    if (result.attribute !== undefined) attributes[name] = result.attribute;
  }
  definition['attributes'] = attributes;
  return { definition, problems, warnings, unusable };
}
