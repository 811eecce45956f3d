/**
 * The errors and warnings stage 2 raises, worded in one place so every message names the
 * model and says what was wrong.
 */
import { UsageError } from '../../errors/usage-error.js';
import type { ModelOntology } from '../../schema/ontology.js';

export function invalidCriteria(model: ModelOntology, text: string): UsageError {
  return new UsageError('E_INVALID_CRITERIA', `Invalid criteria for model \`${model.identity}\`: ${text}`, model.identity);
}

/** The query can match nothing; callers usually turn this into an empty result. */
export function noMatch(model: ModelOntology, text: string): UsageError {
  return new UsageError('E_NOOP', `Query on model \`${model.identity}\` would match no records: ${text}`, model.identity);
}

export function invalidPopulate(model: ModelOntology, text: string): UsageError {
  return new UsageError('E_INVALID_POPULATES', `Invalid populate for model \`${model.identity}\`: ${text}`, model.identity);
}

export function invalidMeta(model: ModelOntology, text: string): UsageError {
  return new UsageError('E_INVALID_META', `Invalid meta for a query on model \`${model.identity}\`: ${text}`, model.identity);
}

/** Waterline logs deprecated-but-accepted usage and carries on; so do we. */
export function warnDeprecated(text: string): void {
  console.warn(`Deprecated: ${text} This compatibility may be removed in a future version.`);
}
