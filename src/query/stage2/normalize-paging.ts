/** The `limit` and `skip` clauses (numeric strings accepted, converted with unary `+`). */
import type { ModelOntology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import { MAX_LIMIT } from '../shapes.js';
import { isSafeNaturalNumber } from './plain.js';
import { invalidCriteria, noMatch, warnDeprecated } from './problems.js';

export function normalizeLimit(raw: unknown, model: ModelOntology): number {
  if (raw === undefined) return MAX_LIMIT;
  const limit = typeof raw === 'string' ? +raw : raw;
  // Older Waterline read these as "no limit"; keep accepting them.
  if (limit === null || limit === Infinity) return MAX_LIMIT;
  if (limit === 0) throw noMatch(model, 'the criteria has `limit: 0`.');
  if (typeof limit === 'number' && limit < 0) {
    warnDeprecated(`a negative \`limit\` (${limit}, model \`${model.identity}\`) means "no limit"; leave \`limit\` out instead.`);
    return MAX_LIMIT;
  }
  if (!isSafeNaturalNumber(limit)) {
    throw invalidCriteria(model, `the \`limit\` clause must be a positive safe integer, but got ${describeValue(raw)}.`);
  }
  return limit;
}

export function normalizeSkip(raw: unknown, model: ModelOntology): number {
  if (raw === undefined) return 0;
  const skip = typeof raw === 'string' ? +raw : raw;
  if (skip === 0) return 0; // also folds -0
  if (isSafeNaturalNumber(skip)) return skip;
  throw invalidCriteria(model, `the \`skip\` clause must be zero or a positive safe integer, but got ${describeValue(raw)}.`);
}
