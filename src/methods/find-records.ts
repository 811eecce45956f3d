/**
 * The read path shared by find, findOne and stream: stage-2 criteria and populates →
 * stage-3 query → the adapter's native `join` for associations within the datastore, IN-list
 * queries for the rest → records, then each nested populate level (populate-nested.ts).
 */
import type { Criteria, JoinInstruction, NormalizedPopulate, PopulateLevel, QueryMeta, RecordData, Stage3Query } from '../query/shapes.js';
import { forgeCriteria } from '../query/stage3/forge-criteria.js';
import { forgeJoins } from '../query/stage3/forge-joins.js';
import { joinInMemory } from '../query/populate/join-in-memory.js';
import { assembleRecords } from '../query/populate/assemble-records.js';
import type { ModelContext } from '../orm/runtime.js';
import { contextFor } from '../orm/runtime.js';
import { readEncryptedDeep } from '../records/encryption.js';
import { callAdapter } from './call-adapter.js';
import { childMeta } from './child-meta.js';
import { populateNested } from './populate-nested.js';

/** `nested`: the deeper levels of dotted populate paths, keyed by a first-level alias. */
export async function findRecords(
  ctx: ModelContext,
  criteria: Criteria,
  populates: Record<string, NormalizedPopulate>,
  meta: QueryMeta | undefined,
  nested: Readonly<Record<string, PopulateLevel>> = {},
): Promise<RecordData[]> {
  const aliases = Object.keys(nested);
  // Children read again in full by the next level only need their keys here.
  const rows = await fetchRows(ctx, criteria, populates, meta, new Set(aliases));
  const records = assembleRecords(ctx.model, ctx.runtime.ontology, rows, populates);
  // Before the nested levels replace children: those arrive already read by their own findRecords.
  readEncryptedDeep(ctx.model, ctx.runtime.ontology, records, populates, meta);
  if (aliases.length > 0) await populateNested(ctx, records, populates, nested, meta, findRecords);
  return records;
}

async function fetchRows(
  ctx: ModelContext,
  criteria: Criteria,
  populates: Record<string, NormalizedPopulate>,
  meta: QueryMeta | undefined,
  keysOnly: ReadonlySet<string>,
): Promise<RecordData[]> {
  const { model, runtime, datastore } = ctx;
  const singular = Object.keys(populates).filter((a) => model.attributes[a]?.kind === 'model');
  const query: Stage3Query = {
    method: 'find',
    using: model.tableName,
    criteria: forgeCriteria(model, criteria, { select: !meta?.skipExpandingDefaultSelectClause, extraSelect: singular }),
    joins: [],
    ...(meta ? { meta } : {}),
  };
  const joins = forgeJoins(model, runtime.ontology, populates, keysOnly);
  const { adapter } = datastore;
  // An alias joins natively only when every model it reaches (junction included) lives here.
  const elsewhere = new Set(joins.filter((j) => runtime.ontology[j.childCollectionIdentity]?.datastore !== model.datastore).map((j) => j.alias));
  const native = adapter.join ? joins.filter((j) => !elsewhere.has(j.alias)) : [];
  const local = joins.filter((j) => !native.includes(j));

  let rows: RecordData[];
  if (adapter.join && native.length > 0) {
    const join = adapter.join.bind(adapter);
    rows = await callAdapter(model, 'join', () => join(datastore.name, { ...query, joins: native }));
  } else {
    rows = await callAdapter(model, 'find', () => adapter.find(datastore.name, query));
  }
  if (local.length > 0) await joinInMemory(rows, local, (join, childQuery) => findChildren(ctx, join, childQuery, meta));
  return rows;
}

function findChildren(ctx: ModelContext, join: JoinInstruction, childQuery: Stage3Query, meta: QueryMeta | undefined): Promise<RecordData[]> {
  const child = contextFor(ctx.runtime, join.childCollectionIdentity);
  const innerMeta = childMeta(ctx, child, meta);
  return callAdapter(child.model, 'find', () =>
    child.datastore.adapter.find(child.datastore.name, { ...childQuery, ...(innerMeta ? { meta: innerMeta } : {}) }),
  );
}
