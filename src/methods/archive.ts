/**
 * archive / archiveOne: copy the matching records into the archive model, then destroy them.
 * Unlike Waterline, the find, the archive insert and the destroy run in one transaction, so a
 * failure part-way leaves neither archive rows without a destroy nor a destroy without archive rows.
 */
import { UsageError } from '../errors/index.js';
import type { Criteria, QueryMeta, RecordData } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { whereToColumns } from '../query/stage3/column-names.js';
import { contextFor, type ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';
import { findRecords } from './find-records.js';
import { beforeDestroy, runAfterEach } from './lifecycle.js';
import { NOOP, orNoop } from './noop.js';
import { inTransaction } from './transaction.js';
import { runCreateEach, runDestroy } from './write-methods.js';

function archiveContext(ctx: ModelContext, method: string): ModelContext {
  const target = ctx.model.settings.archiveModelIdentity;
  if (target === false) {
    throw new UsageError('E_USAGE', `Model \`${ctx.model.identity}\` has \`archiveModelIdentity: false\`, so \`.${method}()\` is not available; use \`.destroy()\`, or name an archive model.`, ctx.model.identity);
  }
  return contextFor(ctx.runtime, target);
}

function normalize(ctx: ModelContext, q: Stage1Query): { meta: QueryMeta | undefined; criteria: Criteria | typeof NOOP; archive: ModelContext } {
  const { model, runtime } = ctx;
  const archive = archiveContext(ctx, q.method);
  const meta = normalizeMeta(q.meta, model, q.method, runtime.ontology);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, q.method, meta));
  return { meta, criteria, archive };
}

/** The three steps, on the connection in `meta`. Returns the records as found. */
async function archiveWhere(ctx: ModelContext, archive: ModelContext, criteria: Criteria, meta: QueryMeta | undefined): Promise<RecordData[]> {
  const found = await findRecords(ctx, criteria, {}, meta);
  if (found.length === 0) return [];
  // The connection belongs to this model's datastore; an archive elsewhere uses its own.
  const { leasedConnection: _lease, ...foreign } = meta ?? {};
  const archiveMeta = archive.datastore.name === ctx.datastore.name ? meta : foreign;
  const { primaryKey, identity } = ctx.model;
  await runCreateEach(archive, {
    method: 'createEach',
    using: archive.model.identity,
    newRecords: found.map((record) => ({ originalRecord: { ...record }, originalRecordId: record[primaryKey], fromModel: identity })),
    meta: { ...archiveMeta, fetch: false },
  });
  // Through destroy itself, so cascade applies; beforeDestroy is run here and afterDestroy by
  // the caller after the commit (a callback writing to these rows must not wait on our lock).
  const { where } = await beforeDestroy(ctx.model, criteria, meta);
  await runDestroy(ctx, { method: 'destroy', using: identity, criteria: { where }, meta: { ...meta, fetch: false, skipAllLifecycleCallbacks: true } });
  return found;
}

export async function runArchive(ctx: ModelContext, q: Stage1Query): Promise<RecordData[] | undefined> {
  const { meta, criteria, archive } = normalize(ctx, q);
  const fetch = meta?.fetch === true;
  if (criteria === NOOP) return fetch ? [] : undefined;
  const found = await inTransaction(ctx, meta, (txMeta) => archiveWhere(ctx, archive, criteria, txMeta));
  if (!fetch) return undefined;
  await runAfterEach(ctx.model, 'afterDestroy', found, meta);
  return found;
}

export async function runArchiveOne(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const { meta, criteria, archive } = normalize(ctx, q);
  if (criteria === NOOP) return undefined;
  const { model, datastore } = ctx;
  const found = await inTransaction(ctx, meta, async (txMeta) => {
    const n = await callAdapter(model, 'count', () =>
      datastore.adapter.count(datastore.name, { method: 'count', using: model.tableName, criteria: { where: whereToColumns(model, criteria.where) }, ...(txMeta ? { meta: txMeta } : {}) }),
    );
    if (n > 1) throw new Error(`Preventing \`.archiveOne()\` on model \`${model.identity}\`: found too many (${n}) matching records.`);
    return n === 0 ? [] : archiveWhere(ctx, archive, criteria, txMeta);
  });
  await runAfterEach(ctx.model, 'afterDestroy', found, meta);
  return found[0];
}
