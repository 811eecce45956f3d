/**
 * The internal queries association writes are made of, in attribute names, sent straight to
 * the model's adapter: no lifecycle callbacks, no fetch. Values go through the same
 * normalization as a user's create/update, so timestamps are stamped and a `null` for a
 * required foreign key is refused exactly as `Child.update()` would refuse it.
 */
import { MAX_LIMIT, type QueryMeta, type RecordData, type Stage3Criteria, type WhereClause } from '../query/shapes.js';
import { columnOf, recordToColumns, whereToColumns } from '../query/stage3/column-names.js';
import { normalizeNewRecords } from '../records/new-record.js';
import { problemsToUsageError } from '../records/problems-to-usage-error.js';
import { normalizeValuesToSet } from '../records/values-to-set.js';
import type { ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';

function criteria(ctx: ModelContext, where: WhereClause): Stage3Criteria {
  return { where: whereToColumns(ctx.model, where), limit: MAX_LIMIT, skip: 0, sort: [] };
}

/** `{attr: {in: values}}`; callers never pass an empty list (that would match nothing). */
export function inList(attr: string, values: readonly unknown[]): WhereClause {
  return { [attr]: { in: [...values] } };
}

export function allOf(...clauses: WhereClause[]): WhereClause {
  return clauses.length === 1 && clauses[0] ? clauses[0] : { and: clauses };
}

/** The given attributes of every matching record, keyed by attribute name. */
export async function innerFind(ctx: ModelContext, where: WhereClause, attrs: readonly string[], meta: QueryMeta): Promise<RecordData[]> {
  const { model, datastore } = ctx;
  const columns = attrs.map((attr) => columnOf(model, attr));
  const rows = await callAdapter(model, 'find', () =>
    datastore.adapter.find(datastore.name, { method: 'find', using: model.tableName, criteria: { ...criteria(ctx, where), select: columns }, meta }),
  );
  return rows.map((row) => Object.fromEntries(attrs.map((attr, i) => [attr, row[columns[i] as string]])));
}

export async function innerCount(ctx: ModelContext, where: WhereClause, meta: QueryMeta): Promise<number> {
  const { model, datastore } = ctx;
  return callAdapter(model, 'count', () =>
    datastore.adapter.count(datastore.name, { method: 'count', using: model.tableName, criteria: { where: whereToColumns(model, where) }, meta }),
  );
}

/** `Model.update(where, values)` without callbacks; throws E_INVALID_VALUES_TO_SET as that would. */
export async function innerUpdate(ctx: ModelContext, where: WhereClause, values: RecordData, meta: QueryMeta): Promise<void> {
  const { model, runtime, datastore } = ctx;
  const normalized = normalizeValuesToSet(model, runtime.ontology, values, new Date());
  if ('problems' in normalized) throw problemsToUsageError('E_INVALID_VALUES_TO_SET', model, normalized.problems);
  await callAdapter(model, 'update', () =>
    datastore.adapter.update(datastore.name, {
      method: 'update',
      using: model.tableName,
      criteria: criteria(ctx, where),
      valuesToSet: recordToColumns(model, normalized.values),
      meta: { ...meta, fetch: false },
    }),
  );
}

/**
 * Takes the row lock of one record by writing its primary key onto itself, so concurrent
 * association writes on the same parent run one after the other instead of interleaving.
 */
export async function lockRecord(ctx: ModelContext, pk: unknown, meta: QueryMeta): Promise<void> {
  const { model, datastore } = ctx;
  await callAdapter(model, 'update', () =>
    datastore.adapter.update(datastore.name, {
      method: 'update',
      using: model.tableName,
      criteria: criteria(ctx, { [model.primaryKey]: pk }),
      valuesToSet: { [columnOf(model, model.primaryKey)]: pk },
      meta: { ...meta, fetch: false },
    }),
  );
}

export async function innerDestroy(ctx: ModelContext, where: WhereClause, meta: QueryMeta): Promise<void> {
  const { model, datastore } = ctx;
  await callAdapter(model, 'destroy', () =>
    datastore.adapter.destroy(datastore.name, { method: 'destroy', using: model.tableName, criteria: criteria(ctx, where), meta: { ...meta, fetch: false } }),
  );
}

/** `Model.createEach(records)` without callbacks; defaults and timestamps filled, E_INVALID_NEW_RECORDS as that would. */
export async function innerCreateEach(ctx: ModelContext, records: RecordData[], meta: QueryMeta): Promise<void> {
  if (records.length === 0) return;
  const { model, runtime, datastore } = ctx;
  const normalized = normalizeNewRecords(model, runtime.ontology, records, new Date());
  if ('problems' in normalized) throw problemsToUsageError('E_INVALID_NEW_RECORDS', model, normalized.problems);
  await callAdapter(model, 'createEach', () =>
    datastore.adapter.createEach(datastore.name, {
      method: 'createEach',
      using: model.tableName,
      newRecords: normalized.records.map((r) => recordToColumns(model, r.record)),
      meta: { ...meta, fetch: false },
    }),
  );
}
