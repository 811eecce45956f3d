/**
 * `model` and `collection` attributes, checked alone. Targets, `via` and junctions need every
 * model and are resolved later (resolve-associations.ts); until then a singular attribute's
 * `type` and `columnType` are placeholders.
 */
import { extrasOf } from './attribute-properties.js';
import { readFlag } from './build-scalar-attribute.js';
import { readAutoMigrations, readColumnName, type Say } from './common-attribute-checks.js';
import { buildHasOneAttribute } from './has-one.js';
import type { PluralAssociation, SingularAssociation } from './ontology.js';
import { hasOwn, show, type Dictionary } from './plain-data.js';

/** Properties that make no sense on any association. */
function rejectValueProperties(attr: Readonly<Dictionary>, say: Say): void {
  if (hasOwn(attr, 'type')) say("an association has no `type` (it comes from the target's primary key); remove `type`.");
  if (hasOwn(attr, 'defaultsTo')) say('an association cannot have `defaultsTo`.');
  if (attr['allowNull'] === true) say('`allowNull` does not apply to associations (singular ones accept null already).');
  if (hasOwn(attr, 'autoCreatedAt') || hasOwn(attr, 'autoUpdatedAt')) say('an association cannot be a timestamp.');
  if (attr['encrypt'] === true) say('an association cannot be encrypted (E_ATTR_NOT_COMPATIBLE_WITH_AT_REST_ENCRYPTION).');
}

function readTarget(attr: Readonly<Dictionary>, key: 'model' | 'collection', say: Say): string | undefined {
  const value = attr[key];
  if (typeof value !== 'string' || value === '') {
    say(`\`${key}\` must be the identity of another model (a string), not ${show(value)}.`);
    return undefined;
  }
  return value.toLowerCase();
}

/** A `model` attribute: a singular association, or with `via` a has-one (see has-one.ts). */
export function buildSingularAttribute(name: string, attr: Readonly<Dictionary>, say: Say): SingularAssociation | PluralAssociation | undefined {
  rejectValueProperties(attr, say);
  if (hasOwn(attr, 'via')) return buildHasOneAttribute(name, attr, readTarget(attr, 'model', say), say);
  for (const key of ['through', 'dominant']) {
    if (hasOwn(attr, key)) say(`\`${key}\` only belongs on \`collection\` attributes; a \`model\` attribute is pointed at, it does not point.`);
  }
  const model = readTarget(attr, 'model', say);
  const required = readFlag(attr, 'required', say);
  const columnName = readColumnName(name, attr, say);
  const autoMigrations = readAutoMigrations(attr, say, '');
  if (model === undefined) return undefined;
  return { kind: 'model', name, model, type: 'number', columnName, required, autoMigrations, extras: extrasOf(attr) };
}

export function buildPluralAttribute(name: string, attr: Readonly<Dictionary>, say: Say): PluralAssociation | undefined {
  rejectValueProperties(attr, say);
  if (attr['required'] === true) say('a `collection` attribute cannot be `required`.');
  else readFlag(attr, 'required', say);
  if (hasOwn(attr, 'columnName')) say('a `collection` attribute has no column; remove `columnName`.');
  if (hasOwn(attr, 'autoMigrations')) {
    say('a `collection` attribute has no column; remove `unique`/`autoIncrement`/`columnType`/`autoMigrations`.');
  }

  const collection = readTarget(attr, 'collection', say);
  const via = readName(attr, 'via', say);
  const through = readName(attr, 'through', say)?.toLowerCase();
  const hasDominant = hasOwn(attr, 'dominant');
  const dominant = readFlag(attr, 'dominant', say);
  if (through !== undefined && via === undefined) say('`through` needs `via`: the attribute of the through model that points back to this model.');
  if (collection === undefined) return undefined;
  return {
    kind: 'collection',
    name,
    collection,
    ...(via !== undefined ? { via } : {}),
    ...(through !== undefined ? { through } : {}),
    // Only the key's presence matters for choosing a junction's datastore, so keep `false` too.
    ...(hasDominant ? { dominant } : {}),
    extras: extrasOf(attr),
  };
}

function readName(attr: Readonly<Dictionary>, key: string, say: Say): string | undefined {
  const value = attr[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    say(`\`${key}\` must be an attribute or model name (a string), not ${show(value)}.`);
    return undefined;
  }
  return value;
}
