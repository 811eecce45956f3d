/** find, findOne and count: stage 1 → stage 2 → adapter → records. */
import type { Stage1Query } from '../query/stage1.js';
import type { RecordData } from '../query/shapes.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizePopulates } from '../query/stage2/normalize-populates.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { whereToColumns } from '../query/stage3/column-names.js';
import type { ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';
import { findRecords } from './find-records.js';
import { NOOP, orNoop } from './noop.js';

export async function runFind(ctx: ModelContext, q: Stage1Query): Promise<RecordData[]> {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, q.method, runtime.ontology);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, q.method, meta));
  if (criteria === NOOP) return [];
  const normalized = normalizePopulates(q.populates ?? {}, criteria, model, runtime.ontology, q.method);
  return findRecords(ctx, normalized.criteria, normalized.populates, meta, normalized.nested);
}

export async function runFindOne(ctx: ModelContext, q: Stage1Query): Promise<RecordData | undefined> {
  const records = await runFind(ctx, q);
  if (records.length > 1) {
    const pks = records.map((r) => JSON.stringify(r[ctx.model.primaryKey])).join(', ');
    throw new Error(
      `More than one matching record found for \`.findOne()\` on model \`${ctx.model.identity}\` ` +
        `(primary keys ${pks}). Use a more specific criteria, or \`.find()\` to get them all.`,
    );
  }
  return records[0];
}

export async function runCount(ctx: ModelContext, q: Stage1Query): Promise<number> {
  const { model, runtime, datastore } = ctx;
  const meta = normalizeMeta(q.meta, model, 'count', runtime.ontology);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, 'count', meta));
  if (criteria === NOOP) return 0;
  return callAdapter(model, 'count', () =>
    datastore.adapter.count(datastore.name, {
      method: 'count',
      using: model.tableName,
      criteria: { where: whereToColumns(model, criteria.where) },
      ...(meta ? { meta } : {}),
    }),
  );
}
