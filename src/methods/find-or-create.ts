/**
 * findOrCreate: the one matching record, or a new one. Mooring runs the find and the create in
 * one transaction, and when a concurrent caller wins the race to a unique value, returns the
 * record that caller created instead of failing with E_UNIQUE.
 */
import { AdapterError } from '../errors/index.js';
import type { Outcome } from '../query/deferred.js';
import type { Criteria, QueryMeta, RecordData } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { normalizeNewRecord } from '../records/new-record.js';
import { problemsToUsageError } from '../records/problems-to-usage-error.js';
import type { ModelContext } from '../orm/runtime.js';
import { findRecords } from './find-records.js';
import { runAfterEach } from './lifecycle.js';
import { NOOP, orNoop } from './noop.js';
import { inTransaction } from './transaction.js';
import { insertRecord } from './write-methods.js';

async function findTheOne(ctx: ModelContext, criteria: Criteria | typeof NOOP, meta: QueryMeta | undefined): Promise<RecordData | undefined> {
  // A criteria that can match nothing goes straight to the create, as in Waterline.
  if (criteria === NOOP) return undefined;
  const found = await findRecords(ctx, { ...criteria, limit: 2 }, {}, meta);
  if (found.length > 1) {
    const pks = found.map((r) => JSON.stringify(r[ctx.model.primaryKey])).join(', ');
    throw new Error(`More than one matching record found for \`.findOrCreate()\` on model \`${ctx.model.identity}\` (primary keys ${pks}); use a criteria that matches at most one record.`);
  }
  return found[0];
}

const isUniqueViolation = (err: unknown): boolean => err instanceof AdapterError && err.code === 'E_UNIQUE';

/** Resolves with the record, and `wasCreated` as the callback's third argument. */
export async function runFindOrCreate(ctx: ModelContext, q: Stage1Query): Promise<Outcome<RecordData>> {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, 'findOrCreate', runtime.ontology);
  // The new record is checked first, so a bad one fails even when a match exists.
  const normalized = normalizeNewRecord(model, runtime.ontology, q.newRecord, new Date());
  if ('problems' in normalized) throw problemsToUsageError('E_INVALID_NEW_RECORD', model, normalized.problems);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, 'findOrCreate', meta));

  let outcome: { record: RecordData; wasCreated: boolean };
  try {
    outcome = await inTransaction(ctx, meta, async (txMeta) => {
      const found = await findTheOne(ctx, criteria, txMeta);
      if (found) return { record: found, wasCreated: false };
      const [created] = await insertRecord(ctx, normalized, { ...txMeta, fetch: true });
      if (!created) throw new Error(`Consistency violation: the adapter of model \`${model.identity}\` returned no record for a fetched create.`);
      return { record: created, wasCreated: true };
    });
  } catch (err) {
    // Another caller committed the same unique value between our find and our insert.
    if (!isUniqueViolation(err)) throw err;
    const winner = await findTheOne(ctx, criteria, meta);
    if (!winner) throw err;
    outcome = { record: winner, wasCreated: false };
  }
  // After the commit, so a callback that writes to the new row never waits on our own lock.
  if (outcome.wasCreated) await runAfterEach(model, 'afterCreate', [outcome.record], meta);
  return { value: outcome.record, extras: [outcome.wasCreated] };
}
