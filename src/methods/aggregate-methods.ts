/** sum and avg: one adapter call over the matching rows' numeric column. */
import { UsageError, isUsageError } from '../errors/index.js';
import type { Stage1Query } from '../query/stage1.js';
import { normalizeCriteria } from '../query/stage2/normalize-criteria.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import { normalizeNumericAttrName } from '../query/stage2/numeric-attr-name.js';
import { columnOf, whereToColumns } from '../query/stage3/column-names.js';
import type { Criteria, QueryMeta } from '../query/shapes.js';
import type { ModelContext } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';
import { NOOP, orNoop } from './noop.js';

async function aggregate(ctx: ModelContext, kind: 'sum' | 'avg', attr: string, criteria: Criteria, meta: QueryMeta | undefined): Promise<number> {
  const { model, datastore } = ctx;
  const result = await callAdapter(model, kind, () =>
    datastore.adapter[kind](datastore.name, {
      method: kind,
      using: model.tableName,
      numericAttrName: columnOf(model, attr),
      criteria: { where: whereToColumns(model, criteria.where) },
      ...(meta ? { meta } : {}),
    }),
  );
  // Third-party adapters may answer an empty set with `null`; Waterline's contract is 0.
  return typeof result === 'number' && !Number.isNaN(result) ? result : Number(result ?? 0) || 0;
}

export async function runSum(ctx: ModelContext, q: Stage1Query): Promise<number> {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, 'sum', runtime.ontology);
  const attr = normalizeNumericAttrName(q.numericAttrName, model);
  const criteria = orNoop(() => normalizeCriteria(q.criteria, model, runtime.ontology, 'sum', meta));
  if (criteria === NOOP) return 0;
  return aggregate(ctx, 'sum', attr, criteria, meta);
}

export async function runAvg(ctx: ModelContext, q: Stage1Query): Promise<number> {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, 'avg', runtime.ontology);
  const attr = normalizeNumericAttrName(q.numericAttrName, model);
  let criteria: Criteria;
  try {
    criteria = normalizeCriteria(q.criteria, model, runtime.ontology, 'avg', meta);
  } catch (err) {
    // An average of nothing is undefined, so Waterline reports it instead of returning 0.
    if (!isUsageError(err, 'E_NOOP')) throw err;
    throw new UsageError('E_NOOP', `Computing this average would be like dividing by zero: ${err.details}`, model.identity);
  }
  return aggregate(ctx, 'avg', attr, criteria, meta);
}
