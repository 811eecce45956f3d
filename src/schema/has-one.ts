/**
 * Mooring's has-one: `pet: { model: 'pet', via: 'owner' }` where `pet.owner` is a unique
 * `model` attribute pointing back. Waterline ignored `via` here and kept a column; Mooring
 * stores nothing on this side (the fk is `pet.owner`), so in the ontology it is a plural
 * association flagged `hasOne` and every "plurals are virtual" rule applies unchanged.
 */
import { extrasOf } from './attribute-properties.js';
import type { Say } from './common-attribute-checks.js';
import type { DraftModel } from './draft-model.js';
import type { PluralAssociation } from './ontology.js';
import { hasOwn, isDictionary, show, type Dictionary } from './plain-data.js';

/** Builds the has-one declared by a `model` attribute with `via` (target already lower-cased). */
export function buildHasOneAttribute(name: string, attr: Readonly<Dictionary>, model: string | undefined, say: Say): PluralAssociation | undefined {
  const via = attr['via'];
  const where = typeof via === 'string' && model !== undefined ? `\`${model}.${via}\`` : 'the other model';
  for (const key of ['through', 'dominant']) {
    if (hasOwn(attr, key)) say(`\`${key}\` only belongs on \`collection\` attributes; remove it (a \`model\` attribute with \`via\` is a has-one).`);
  }
  if (attr['required'] === true) say(`a has-one (\`model\` + \`via\`) cannot be \`required\`: its foreign key lives on ${where}; remove \`required\`.`);
  if (hasOwn(attr, 'columnName')) say(`a has-one (\`model\` + \`via\`) has no column on this model (its foreign key is ${where}); remove \`columnName\`.`);
  const ddl = attr['autoMigrations'];
  if (isDictionary(ddl) && (ddl['unique'] === true || ddl['autoIncrement'] === true || hasOwn(ddl, 'columnType'))) {
    say(`a has-one (\`model\` + \`via\`) has no column on this model; remove \`unique\`/\`autoIncrement\`/\`columnType\` (put \`unique: true\` on ${where}).`);
  }
  if (typeof via !== 'string' || via === '') {
    say(`\`via\` must name the \`model\` attribute of the target that points back here, not ${show(via)}.`);
    return undefined;
  }
  if (model === undefined) return undefined;
  return { kind: 'collection', name, collection: model, via, hasOne: true, extras: extrasOf(attr) };
}

/**
 * Checks a has-one against its target: `via` must name a `model` attribute pointing back here,
 * declared `unique` so the database guarantees at most one child.
 */
export function checkHasOne(owner: DraftModel, attr: PluralAssociation, target: DraftModel, say: Say): void {
  const identity = owner.header.identity;
  const via = attr.via ?? '';
  const back = target.attributes[via];
  const shape = `\`${attr.collection}.${via}\` must be \`{model: '${identity}', unique: true}\``;
  if (!back) {
    const declared = isDictionary(target.definition['attributes']) && hasOwn(target.definition['attributes'], via);
    if (!declared) say(`\`via: '${via}'\` names no attribute of \`${attr.collection}\`; for a has-one, ${shape}.`);
    return;
  }
  if (back.kind !== 'model' || back.model !== identity) {
    say(`\`via: '${via}'\` must name a \`model\` attribute of \`${attr.collection}\` pointing back here (a has-one): ${shape}.`);
    return;
  }
  if (!back.autoMigrations.unique) {
    say(
      `a has-one needs its foreign key to be unique: add \`unique: true\` to \`${attr.collection}.${via}\` ` +
        `(so the database guarantees at most one \`${attr.collection}\` per \`${identity}\`), or make \`${attr.name}\` a collection.`,
    );
  }
}
