/**
 * Values compared against an attribute in a `where` clause (equality, `!=`, `in`/`nin` items,
 * `<` `<=` `>` `>=`): loosely coerced to the target's type, as Waterline does ('42' → 42).
 */
import type { ModelOntology } from '../../schema/ontology.js';
import { coerceLoose, describeValue } from '../../records/coerce.js';
import { describeTarget, type Target } from './resolve-target.js';
import { invalidCriteria } from './problems.js';

/**
 * Returns the coerced value, or throws E_INVALID_CRITERIA naming the attribute. `null` is
 * returned as is; callers reject it where a modifier cannot use it. `usage` says where the
 * value appeared, e.g. "with `>`".
 */
export function normalizeComparisonValue(value: unknown, target: Target, model: ModelOntology, usage?: string): unknown {
  if (value === null) return null;
  const where = usage === undefined ? '' : ` (${usage})`;
  // json would keep a function's source text and ref would pass it through; neither is a sane filter.
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw invalidCriteria(model, `${describeTarget(target)}, but ${describeValue(value)}${where} cannot be used as a comparison value.`);
  }
  const result = coerceLoose(target.type, value);
  if (!result.ok) {
    throw invalidCriteria(model, `${describeTarget(target)}, but ${describeValue(value)}${where} cannot be compared to it. ${result.reason}`);
  }
  return result.value;
}
