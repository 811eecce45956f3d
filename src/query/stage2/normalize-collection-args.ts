/**
 * Stage 2 for addToCollection / removeFromCollection / replaceCollection: the parent ids, the
 * plural attribute and the child ids, each checked against the ontology (associations.md §6).
 */
import { UsageError, type UsageErrorCode } from '../../errors/usage-error.js';
import { coercePrimaryKey, describeValue } from '../../records/coerce.js';
import { primaryKeyOf, type ModelOntology, type Ontology, type PluralAssociation } from '../../schema/ontology.js';
import type { MethodName } from '../shapes.js';

export type PkValue = string | number;

export interface CollectionArgs {
  /** Distinct primary keys of the parent records. */
  readonly targets: PkValue[];
  readonly attr: PluralAssociation;
  /** Distinct primary keys of the child records. */
  readonly associatedIds: PkValue[];
}

export interface CollectionInput {
  readonly method: MethodName;
  readonly targetRecordIds: unknown;
  readonly collectionAttrName: unknown;
  readonly associatedIds: unknown;
}

function pkTypeOf(model: ModelOntology): 'string' | 'number' {
  return primaryKeyOf(model).type === 'number' ? 'number' : 'string';
}

/** A pk or an array of pks of `model`, coerced and de-duplicated; the reason when not. */
export function normalizePkValues(model: ModelOntology, value: unknown): PkValue[] | string {
  if (value === undefined) return 'got undefined';
  const type = pkTypeOf(model);
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  const ids = new Set<PkValue>();
  for (const [i, item] of items.entries()) {
    const coerced = coercePrimaryKey(type, item);
    if (!coerced.ok) return `${Array.isArray(value) ? `item #${i}: ` : ''}${coerced.reason}`;
    ids.add(coerced.value as PkValue);
  }
  return [...ids];
}

export function normalizeCollectionArgs(model: ModelOntology, ontology: Ontology, input: CollectionInput): CollectionArgs {
  const fail = (code: UsageErrorCode, text: string): UsageError =>
    new UsageError(code, `\`${model.identity}.${input.method}()\`: ${text}`, model.identity);

  const targets = normalizePkValues(model, input.targetRecordIds);
  if (typeof targets === 'string') {
    throw fail('E_INVALID_TARGET_RECORD_IDS', `expected the primary key of a \`${model.identity}\` record, or an array of them, as the first argument (${targets}).`);
  }

  const name = input.collectionAttrName;
  if (typeof name !== 'string' || name === '') {
    throw fail('E_INVALID_COLLECTION_ATTR_NAME', `expected the name of a collection attribute as the second argument, but got ${describeValue(name)}.`);
  }
  const attr = Object.hasOwn(model.attributes, name) ? model.attributes[name] : undefined;
  if (attr?.kind !== 'collection') {
    const plurals = Object.values(model.attributes).filter((a) => a.kind === 'collection' && !a.hasOne).map((a) => `\`${a.name}\``);
    const known = plurals.length > 0 ? `its collections are ${plurals.join(', ')}` : 'it has no collection attributes';
    throw fail('E_INVALID_COLLECTION_ATTR_NAME', `\`${name}\` is not a collection attribute of \`${model.identity}\` (${known}).`);
  }
  if (attr.hasOne) {
    // A has-one holds one record: adding a second would break it, so it is set through update.
    throw fail('E_INVALID_COLLECTION_ATTR_NAME', `\`${name}\` is a has-one association, not a collection; set it with \`.update(criteria, {${name}: id | null})\`.`);
  }

  const child = ontology[attr.collection];
  if (!child) throw new Error(`Consistency violation: \`${model.identity}.${name}\` targets unknown model \`${attr.collection}\`.`);
  if (input.associatedIds === undefined) {
    throw fail('E_INVALID_ASSOCIATED_IDS', `no associated ids were given; pass them as the third argument or with \`.members(ids)\`.`);
  }
  const associatedIds = normalizePkValues(child, input.associatedIds);
  if (typeof associatedIds === 'string') {
    throw fail('E_INVALID_ASSOCIATED_IDS', `expected the primary key of a \`${child.identity}\` record, or an array of them (${associatedIds}).`);
  }
  return { targets, attr, associatedIds };
}
