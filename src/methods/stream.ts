/**
 * stream: the matching records in batches of `meta.batchSize` (default 30), each batch
 * populated like a find, handed to the iteratee before the next is fetched, so memory stays
 * flat however many rows match. Paging is by keyset (see stream-keyset.ts); when the sort
 * cannot be keyset-paged, by skip/limit inside one transaction.
 */
import type { Criteria, NormalizedPopulate, PopulateLevel, QueryMeta, RecordData, WhereClause } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { normalizePopulates } from '../query/stage2/normalize-populates.js';
import { whereToColumns } from '../query/stage3/column-names.js';
import type { ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';
import { findRecords } from './find-records.js';
import { NOOP, orNoop } from './noop.js';
import { after, keysetPossible, nullableKeys, toSort, totalOrder, withKeysSelected, withNullIn, type SortKey } from './stream-keyset.js';
import { streamIteratee, type StreamIteratee } from './stream-iteratee.js';
import { inTransaction } from './transaction.js';

interface Pager {
  readonly ctx: ModelContext;
  readonly criteria: Criteria;
  readonly populates: Record<string, NormalizedPopulate>;
  /** Deeper levels of nested populates (`'pets.toys'`). */
  readonly nested: Readonly<Record<string, PopulateLevel>>;
  readonly iteratee: StreamIteratee;
  readonly batchSize: number;
  readonly keys: readonly SortKey[];
}

async function anyMatch(ctx: ModelContext, where: WhereClause, meta: QueryMeta | undefined): Promise<boolean> {
  const { model, datastore } = ctx;
  const n = await callAdapter(model, 'count', () =>
    datastore.adapter.count(datastore.name, { method: 'count', using: model.tableName, criteria: { where: whereToColumns(model, where) }, ...(meta ? { meta } : {}) }),
  );
  return n > 0;
}

async function byKeyset(p: Pager, meta: QueryMeta | undefined): Promise<void> {
  const { criteria: fetchCriteria, hidden } = withKeysSelected(p.ctx.model, p.criteria, p.keys);
  const sort = toSort(p.keys);
  let remaining = p.criteria.limit;
  let skip = p.criteria.skip;
  let last: RecordData | undefined;
  while (remaining > 0) {
    const limit = Math.min(p.batchSize, remaining);
    const where = last ? after(p.criteria.where, p.keys, last) : p.criteria.where;
    const batch = await findRecords(p.ctx, { ...fetchCriteria, where, sort, limit, skip }, p.populates, meta, p.nested);
    const tail = batch[batch.length - 1];
    if (!tail) return;
    // Copied before the iteratee sees (and may change) the records.
    last = Object.fromEntries(p.keys.map((k) => [k.attr, tail[k.attr]]));
    for (const record of batch) for (const name of hidden) delete record[name];
    remaining -= batch.length;
    skip = 0;
    await p.iteratee.deliver(batch);
    if (batch.length < limit) return;
  }
}

/**
 * skip/limit pages read in one transaction, so they come from one consistent view of the table.
 * An iteratee error is carried out of the transaction rather than thrown through it: the
 * stream only reads, so there is nothing of its own to roll back.
 */
async function byOffset(p: Pager, meta: QueryMeta | undefined): Promise<void> {
  const sort = toSort(p.keys);
  const failure = await inTransaction(p.ctx, meta, async (txMeta) => {
    let remaining = p.criteria.limit;
    let skip = p.criteria.skip;
    while (remaining > 0) {
      const limit = Math.min(p.batchSize, remaining);
      const batch = await findRecords(p.ctx, { ...p.criteria, sort, limit, skip }, p.populates, txMeta, p.nested);
      if (batch.length === 0) return undefined;
      remaining -= batch.length;
      skip += batch.length;
      try {
        await p.iteratee.deliver(batch);
      } catch (err) {
        return { err };
      }
      if (batch.length < limit) return undefined;
    }
    return undefined;
  });
  if (failure) throw failure.err;
}

export async function runStream(ctx: ModelContext, q: Stage1Query): Promise<undefined> {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, 'stream', runtime.ontology);
  const normalized = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, 'stream', meta));
  if (normalized === NOOP) return undefined;
  const { criteria, populates, nested } = normalizePopulates(q.populates ?? {}, normalized, model, runtime.ontology, 'stream', meta);
  const iteratee = streamIteratee(model, q);
  // `batchSize` is the stream's own; the batch queries get the rest of the meta.
  const { batchSize = 30, ...rest } = meta ?? {};
  const findMeta = meta ? rest : undefined;
  const keys = totalOrder(model, criteria.sort);
  const pager: Pager = { ctx, criteria, populates, nested, iteratee, batchSize, keys };
  const nullable = nullableKeys(model, keys);
  const keyset = keysetPossible(model, keys) && (nullable.length === 0 || !(await anyMatch(ctx, withNullIn(criteria.where, nullable), findMeta)));
  await (keyset ? byKeyset(pager, findMeta) : byOffset(pager, findMeta));
  return undefined;
}
