/** create, createEach, update, updateOne, destroy, destroyOne. */
import { UsageError } from '../errors/index.js';
import type { Stage1Query } from '../query/stage1.js';
import type { Criteria, QueryMeta, RecordData } from '../query/shapes.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { recordToColumns, sortToColumns, whereToColumns } from '../query/stage3/column-names.js';
import { normalizeNewRecord, normalizeNewRecords } from '../records/new-record.js';
import { normalizeValuesToSet } from '../records/values-to-set.js';
import { problemsToUsageError } from '../records/problems-to-usage-error.js';
import { attachToJSON, recordFromRow } from '../records/from-row.js';
import type { ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';
import { inTransaction } from './transaction.js';
import { NOOP, orNoop } from './noop.js';

function toRecords(ctx: ModelContext, rows: readonly RecordData[] | undefined): RecordData[] {
  return (rows ?? []).map((row) => attachToJSON(ctx.model, recordFromRow(ctx.model, row)));
}

function rejectPluralValues(ctx: ModelContext, pluralValues: ReadonlyArray<Record<string, unknown[]>>, code: 'E_INVALID_NEW_RECORD' | 'E_INVALID_NEW_RECORDS' | 'E_INVALID_VALUES_TO_SET'): void {
  for (const values of pluralValues) {
    for (const [attr, ids] of Object.entries(values)) {
      if (ids.length > 0) {
        throw new UsageError(
          code,
          `Model \`${ctx.model.identity}\`: setting the collection \`${attr}\` while writing a record is not supported yet; ` +
            `write the foreign key on the \`${String((ctx.model.attributes[attr] as { collection?: string }).collection)}\` side instead.`,
          ctx.model.identity,
        );
      }
    }
  }
}

export async function runCreate(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const { model, runtime, datastore } = ctx;
  if (Array.isArray(q.newRecord)) {
    throw new UsageError('E_INVALID_NEW_RECORD', `Model \`${model.identity}\`: got an array; use \`.createEach()\` to create several records.`, model.identity);
  }
  const meta = normalizeMeta(q.meta, model, 'create', runtime.ontology);
  const result = normalizeNewRecord(model, runtime.ontology, q.newRecord, new Date());
  if ('problems' in result) throw problemsToUsageError('E_INVALID_NEW_RECORD', model, result.problems);
  rejectPluralValues(ctx, [result.pluralValues], 'E_INVALID_NEW_RECORD');
  const fetch = meta?.fetch === true;
  const row = await callAdapter(model, 'create', () =>
    datastore.adapter.create(datastore.name, {
      method: 'create',
      using: model.tableName,
      newRecord: recordToColumns(model, result.record),
      meta: { ...meta, fetch },
    }),
  );
  return fetch && row ? toRecords(ctx, [row])[0] : undefined;
}

export async function runCreateEach(ctx: ModelContext, q: Stage1Query): Promise<RecordData[] | undefined> {
  const { model, runtime, datastore } = ctx;
  const meta = normalizeMeta(q.meta, model, 'createEach', runtime.ontology);
  const fetch = meta?.fetch === true;
  const result = normalizeNewRecords(model, runtime.ontology, q.newRecords, new Date());
  if ('problems' in result) throw problemsToUsageError('E_INVALID_NEW_RECORDS', model, result.problems);
  if (result.records.length === 0) return fetch ? [] : undefined;
  rejectPluralValues(ctx, result.records.map((r) => r.pluralValues), 'E_INVALID_NEW_RECORDS');
  // One adapter call; Mooring's adapters insert all rows in one transaction (all-or-nothing).
  const rows = await callAdapter(model, 'createEach', () =>
    datastore.adapter.createEach(datastore.name, {
      method: 'createEach',
      using: model.tableName,
      newRecords: result.records.map((r) => recordToColumns(model, r.record)),
      meta: { ...meta, fetch },
    }),
  );
  return fetch ? toRecords(ctx, rows) : undefined;
}

function physicalCriteria(ctx: ModelContext, criteria: Criteria) {
  return {
    where: whereToColumns(ctx.model, criteria.where),
    limit: criteria.limit,
    skip: criteria.skip,
    sort: sortToColumns(ctx.model, criteria.sort),
  };
}

async function updateWhere(ctx: ModelContext, criteria: Criteria, values: RecordData, meta: QueryMeta | undefined, fetch: boolean): Promise<RecordData[] | undefined> {
  const { model, datastore } = ctx;
  const rows = await callAdapter(model, 'update', () =>
    datastore.adapter.update(datastore.name, {
      method: 'update',
      using: model.tableName,
      criteria: physicalCriteria(ctx, criteria),
      valuesToSet: recordToColumns(model, values),
      meta: { ...meta, fetch },
    }),
  );
  return fetch ? toRecords(ctx, rows) : undefined;
}

function normalizeUpdate(ctx: ModelContext, q: Stage1Query): { meta: QueryMeta | undefined; criteria: Criteria | typeof NOOP; values: RecordData } {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, q.method, runtime.ontology);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, q.method, meta));
  const result = normalizeValuesToSet(model, runtime.ontology, q.valuesToSet, new Date());
  if ('problems' in result) throw problemsToUsageError('E_INVALID_VALUES_TO_SET', model, result.problems);
  rejectPluralValues(ctx, [result.pluralValues], 'E_INVALID_VALUES_TO_SET');
  return { meta, criteria, values: result.values };
}

export async function runUpdate(ctx: ModelContext, q: Stage1Query): Promise<RecordData[] | undefined> {
  const { meta, criteria, values } = normalizeUpdate(ctx, q);
  const fetch = meta?.fetch === true;
  if (criteria === NOOP) return fetch ? [] : undefined;
  return updateWhere(ctx, criteria, values, meta, fetch);
}

/** Counts and acts inside one transaction, so a concurrent writer can't slip a second match in. */
async function exactlyOne<T>(ctx: ModelContext, method: string, criteria: Criteria, meta: QueryMeta | undefined, act: (meta: QueryMeta | undefined) => Promise<T>): Promise<T | undefined> {
  const { model, datastore } = ctx;
  return inTransaction(ctx, meta, async (txMeta) => {
    const n = await callAdapter(model, 'count', () =>
      datastore.adapter.count(datastore.name, { method: 'count', using: model.tableName, criteria: { where: whereToColumns(model, criteria.where) }, ...(txMeta ? { meta: txMeta } : {}) }),
    );
    if (n > 1) throw new Error(`Preventing \`.${method}()\` on model \`${model.identity}\`: found too many (${n}) matching records.`);
    if (n === 0) return undefined;
    return act(txMeta);
  });
}

export async function runUpdateOne(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const { meta, criteria, values } = normalizeUpdate(ctx, q);
  if (criteria === NOOP) return undefined;
  const rows = await exactlyOne(ctx, 'updateOne', criteria, meta, (txMeta) => updateWhere(ctx, criteria, values, txMeta, true));
  return rows?.[0];
}

async function destroyWhere(ctx: ModelContext, criteria: Criteria, meta: QueryMeta | undefined, fetch: boolean): Promise<RecordData[] | undefined> {
  const { model, datastore } = ctx;
  const rows = await callAdapter(model, 'destroy', () =>
    datastore.adapter.destroy(datastore.name, {
      method: 'destroy',
      using: model.tableName,
      criteria: physicalCriteria(ctx, criteria),
      meta: { ...meta, fetch },
    }),
  );
  return fetch ? toRecords(ctx, rows) : undefined;
}

function normalizeDestroy(ctx: ModelContext, q: Stage1Query): { meta: QueryMeta | undefined; criteria: Criteria | typeof NOOP } {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, q.method, runtime.ontology);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, q.method, meta));
  return { meta, criteria };
}

export async function runDestroy(ctx: ModelContext, q: Stage1Query): Promise<RecordData[] | undefined> {
  const { meta, criteria } = normalizeDestroy(ctx, q);
  const fetch = meta?.fetch === true;
  if (criteria === NOOP) return fetch ? [] : undefined;
  return destroyWhere(ctx, criteria, meta, fetch);
}

export async function runDestroyOne(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const { meta, criteria } = normalizeDestroy(ctx, q);
  if (criteria === NOOP) return undefined;
  const rows = await exactlyOne(ctx, 'destroyOne', criteria, meta, (txMeta) => destroyWhere(ctx, criteria, txMeta, true));
  return rows?.[0];
}
