/**
 * Nested populates (`.populate('pet.toys')`). Once a level's records are assembled, the
 * children of each association with deeper paths are read again with ONE IN-list query on
 * their model — all parents' children together — populated with the next level (recursively),
 * and put in place of the key-only children the level's join returned. So a level costs a
 * fixed number of statements, however many parents there are.
 */
import { attachToJSON } from '../records/from-row.js';
import { distinctKeys, keyOf } from '../query/populate/keys.js';
import { MAX_LIMIT, type Criteria, type NormalizedPopulate, type PopulateLevel, type QueryMeta, type RecordData } from '../query/shapes.js';
import { contextFor, type ModelContext } from '../orm/runtime.js';
import { childMeta } from './child-meta.js';
import type { Attribute } from '../schema/ontology.js';

export type FindRecordsFn = (
  ctx: ModelContext,
  criteria: Criteria,
  populates: Record<string, NormalizedPopulate>,
  meta: QueryMeta | undefined,
  nested: Readonly<Record<string, PopulateLevel>>,
) => Promise<RecordData[]>;

/** Replaces, in `records`, the children of every alias in `nested` by their fully populated records. */
export async function populateNested(
  ctx: ModelContext,
  records: RecordData[],
  populates: Readonly<Record<string, NormalizedPopulate>>,
  nested: Readonly<Record<string, PopulateLevel>>,
  meta: QueryMeta | undefined,
  findRecords: FindRecordsFn,
): Promise<void> {
  for (const [alias, level] of Object.entries(nested)) {
    const populate = populates[alias];
    const attr = ctx.model.attributes[alias];
    if (populate === undefined || populate === false || !attr || attr.kind === 'scalar') continue;
    const child = contextFor(ctx.runtime, attr.kind === 'model' ? attr.model : attr.collection);
    const pk = child.model.primaryKey;
    const ids = distinctKeys(records.flatMap((record) => childrenOf(record[alias]).map((stub) => stub[pk])));
    if (ids.length === 0) continue;
    // The level's own subcriteria already chose and ordered the children; only the projection remains.
    const criteria: Criteria = {
      where: { [pk]: { in: ids } },
      limit: MAX_LIMIT,
      skip: 0,
      sort: [],
      select: populate === true ? ['*'] : withLink(populate.select, attr),
      omit: populate === true ? [] : populate.omit,
    };
    const full = await findRecords(child, criteria, level.populates, childMeta(ctx, child, meta), level.nested);
    const byKey = new Map(full.map((record) => [keyOf(record[pk]), record]));
    const handedOut = new Set<RecordData>();
    const resolve = (stub: RecordData): RecordData | undefined => {
      const found = byKey.get(keyOf(stub[pk]));
      if (!found || !handedOut.has(found)) {
        if (found) handedOut.add(found);
        return found;
      }
      // A child shared by several parents (many-to-many) is a separate object under each.
      return attachToJSON(child.model, { ...found });
    };
    for (const record of records) {
      const value = record[alias];
      if (Array.isArray(value)) record[alias] = (value as RecordData[]).map(resolve).filter((c): c is RecordData => c !== undefined);
      else if (isRecord(value)) record[alias] = resolve(value) ?? null;
    }
  }
}

/** A one-to-many child keeps the fk linking it to its parent, as it does without nesting. */
function withLink(select: string[], attr: Attribute): string[] {
  const via = attr.kind === 'collection' && !attr.junction ? attr.via : undefined;
  return via === undefined || (select.length === 1 && select[0] === '*') || select.includes(via) ? select : [...select, via];
}

function isRecord(value: unknown): value is RecordData {
  return typeof value === 'object' && value !== null;
}

function childrenOf(value: unknown): RecordData[] {
  if (Array.isArray(value)) return value as RecordData[];
  return isRecord(value) ? [value] : [];
}
