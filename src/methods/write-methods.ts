/** create, createEach, update, updateOne, destroy, destroyOne. */
import { UsageError } from '../errors/index.js';
import type { Stage1Query } from '../query/stage1.js';
import type { Criteria, QueryMeta, RecordData } from '../query/shapes.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { recordToColumns, sortToColumns, whereToColumns } from '../query/stage3/column-names.js';
import { normalizeNewRecord, normalizeNewRecords, type NormalizedRecord } from '../records/new-record.js';
import { normalizeValuesToSet } from '../records/values-to-set.js';
import { problemsToUsageError } from '../records/problems-to-usage-error.js';
import { attachToJSON, recordFromRow } from '../records/from-row.js';
import { encryptRecord, readEncrypted } from '../records/encryption.js';
import type { ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';
import { destroyWithCascade } from './cascade.js';
import { createWithLinks, hasLinks, hasReplacements, updateWithReplacements } from './plural-values.js';
import { inWriteScope } from './write-scope.js';
import { NOOP, orNoop } from './noop.js';
import { beforeCreate, beforeDestroy, beforeUpdate, runAfterEach } from './lifecycle.js';

function toRecords(ctx: ModelContext, rows: readonly RecordData[] | undefined, meta: QueryMeta | undefined): RecordData[] {
  const records = (rows ?? []).map((row) => attachToJSON(ctx.model, recordFromRow(ctx.model, row)));
  readEncrypted(ctx.model, records, meta?.decrypt === true);
  return records;
}

export async function runCreate(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const { model, runtime } = ctx;
  if (Array.isArray(q.newRecord)) {
    throw new UsageError('E_INVALID_NEW_RECORD', `Model \`${model.identity}\`: got an array; use \`.createEach()\` to create several records.`, model.identity);
  }
  const meta = normalizeMeta(q.meta, model, 'create', runtime.ontology);
  const normalized = normalizeNewRecord(model, runtime.ontology, q.newRecord, new Date());
  if ('problems' in normalized) throw problemsToUsageError('E_INVALID_NEW_RECORD', model, normalized.problems);
  const created = await insertRecord(ctx, normalized, meta);
  await runAfterEach(model, 'afterCreate', created, meta);
  return created[0];
}

/**
 * create without its after-callback (findOrCreate runs that after its transaction):
 * beforeCreate, the insert, collection links. Returns the created record when fetched, else `[]`.
 */
export async function insertRecord(ctx: ModelContext, normalized: NormalizedRecord, meta: QueryMeta | undefined): Promise<RecordData[]> {
  const { model, datastore } = ctx;
  const result = await beforeCreate(model, normalized, meta);
  // Collection values force fetch (Waterline's behaviour) and are linked in the insert's transaction.
  const links = hasLinks([result]);
  const fetch = meta?.fetch === true || links;
  const insert = async (insertMeta: QueryMeta | undefined): Promise<RecordData[]> => {
    const row = await callAdapter(model, 'create', () =>
      datastore.adapter.create(datastore.name, {
        method: 'create',
        using: model.tableName,
        newRecord: recordToColumns(model, encryptRecord(model, result.record, meta)),
        meta: { ...insertMeta, fetch },
      }),
    );
    return fetch && row ? toRecords(ctx, [row], insertMeta) : [];
  };
  return links ? createWithLinks(ctx, [result], meta, insert) : insert(meta);
}

export async function runCreateEach(ctx: ModelContext, q: Stage1Query): Promise<RecordData[] | undefined> {
  const { model, runtime, datastore } = ctx;
  const meta = normalizeMeta(q.meta, model, 'createEach', runtime.ontology);
  const result = normalizeNewRecords(model, runtime.ontology, q.newRecords, new Date());
  if ('problems' in result) throw problemsToUsageError('E_INVALID_NEW_RECORDS', model, result.problems);
  const records = await Promise.all(result.records.map((r) => beforeCreate(model, r, meta)));
  const links = hasLinks(records);
  const fetch = meta?.fetch === true || links;
  if (records.length === 0) return fetch ? [] : undefined;
  // One adapter call; Mooring's adapters insert all rows in one transaction (all-or-nothing).
  const insert = async (insertMeta: QueryMeta | undefined): Promise<RecordData[]> => {
    const rows = await callAdapter(model, 'createEach', () =>
      datastore.adapter.createEach(datastore.name, {
        method: 'createEach',
        using: model.tableName,
        newRecords: records.map((r) => recordToColumns(model, encryptRecord(model, r.record, meta))),
        meta: { ...insertMeta, fetch },
      }),
    );
    return toRecords(ctx, rows, insertMeta);
  };
  const created = links ? await createWithLinks(ctx, records, meta, insert) : await insert(meta);
  if (!fetch) return undefined;
  await runAfterEach(model, 'afterCreate', created, meta);
  return created;
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
      valuesToSet: recordToColumns(model, encryptRecord(model, values, meta)),
      meta: { ...meta, fetch },
    }),
  );
  return fetch ? toRecords(ctx, rows, meta) : undefined;
}

function normalizeUpdate(ctx: ModelContext, q: Stage1Query): { meta: QueryMeta | undefined; criteria: Criteria | typeof NOOP; values: RecordData; pluralValues: Record<string, unknown[]> } {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, q.method, runtime.ontology);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, q.method, meta));
  const result = normalizeValuesToSet(model, runtime.ontology, q.valuesToSet, new Date());
  if ('problems' in result) throw problemsToUsageError('E_INVALID_VALUES_TO_SET', model, result.problems);
  return { meta, criteria, values: result.values, pluralValues: result.pluralValues };
}

export async function runUpdate(ctx: ModelContext, q: Stage1Query): Promise<RecordData[] | undefined> {
  const normalized = normalizeUpdate(ctx, q);
  const { meta, criteria } = normalized;
  // Collection values replace each updated record's collection, in the update's transaction.
  const replacing = hasReplacements(normalized.pluralValues);
  const fetch = meta?.fetch === true || replacing;
  if (criteria === NOOP) return fetch ? [] : undefined;
  const { values, pluralValues } = await beforeUpdate(ctx.model, normalized.values, normalized.pluralValues, meta);
  const updated = replacing
    ? await updateWithReplacements(ctx, criteria.where, pluralValues, meta, async (txMeta) => (await updateWhere(ctx, criteria, values, txMeta, true)) ?? [])
    : await updateWhere(ctx, criteria, values, meta, fetch);
  await runAfterEach(ctx.model, 'afterUpdate', updated, meta);
  return updated;
}

/** Counts and acts inside one transaction, so a concurrent writer can't slip a second match in. */
async function exactlyOne<T>(ctx: ModelContext, method: string, criteria: Criteria, meta: QueryMeta | undefined, act: (meta: QueryMeta | undefined) => Promise<T>): Promise<T | undefined> {
  const { model, datastore } = ctx;
  // A write scope, so a deadlock victim (with collection values, several statements) is rerun.
  return inWriteScope(ctx, [], meta, async ({ meta: txMeta }) => {
    const n = await callAdapter(model, 'count', () =>
      datastore.adapter.count(datastore.name, { method: 'count', using: model.tableName, criteria: { where: whereToColumns(model, criteria.where) }, ...(txMeta ? { meta: txMeta } : {}) }),
    );
    if (n > 1) throw new Error(`Preventing \`.${method}()\` on model \`${model.identity}\`: found too many (${n}) matching records.`);
    if (n === 0) return undefined;
    return act(txMeta);
  });
}

export async function runUpdateOne(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const normalized = normalizeUpdate(ctx, q);
  const { meta, criteria } = normalized;
  if (criteria === NOOP) return undefined;
  const rows = await exactlyOne(ctx, 'updateOne', criteria, meta, async (txMeta) => {
    // Only once the one match is known, as Waterline runs it in the update that follows the count.
    const { values, pluralValues } = await beforeUpdate(ctx.model, normalized.values, normalized.pluralValues, txMeta);
    const update = async (m: QueryMeta | undefined): Promise<RecordData[]> => (await updateWhere(ctx, criteria, values, m, true)) ?? [];
    // The count above already proved at most one match.
    return hasReplacements(pluralValues) ? updateWithReplacements(ctx, criteria.where, pluralValues, txMeta, update, true) : update(txMeta);
  });
  // After the transaction: a callback that queries the updated row must not wait on our lock.
  await runAfterEach(ctx.model, 'afterUpdate', rows?.slice(0, 1), meta);
  return rows?.[0];
}

async function destroyWhere(ctx: ModelContext, criteria: Criteria, meta: QueryMeta | undefined, fetch: boolean): Promise<RecordData[] | undefined> {
  if (meta?.cascade === true) {
    return destroyWithCascade(ctx, criteria.where, meta, (where, txMeta) => destroyWhere(ctx, { ...criteria, where }, txMeta, fetch));
  }
  const { model, datastore } = ctx;
  const rows = await callAdapter(model, 'destroy', () =>
    datastore.adapter.destroy(datastore.name, {
      method: 'destroy',
      using: model.tableName,
      criteria: physicalCriteria(ctx, criteria),
      meta: { ...meta, fetch },
    }),
  );
  return fetch ? toRecords(ctx, rows, meta) : undefined;
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
  const destroyed = await destroyWhere(ctx, await beforeDestroy(ctx.model, criteria, meta), meta, fetch);
  await runAfterEach(ctx.model, 'afterDestroy', destroyed, meta);
  return destroyed;
}

export async function runDestroyOne(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const { meta, criteria } = normalizeDestroy(ctx, q);
  if (criteria === NOOP) return undefined;
  const rows = await exactlyOne(ctx, 'destroyOne', criteria, meta, async (txMeta) => destroyWhere(ctx, await beforeDestroy(ctx.model, criteria, txMeta), txMeta, true));
  await runAfterEach(ctx.model, 'afterDestroy', rows?.slice(0, 1), meta);
  return rows?.[0];
}
