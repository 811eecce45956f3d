import type { RecordProblem } from './attribute-error.js';

/** Codes a UsageError can carry; they match Waterline's so existing `.intercept('E_…')` code keeps working. */
export type UsageErrorCode =
  | 'E_INVALID_CRITERIA'
  | 'E_INVALID_POPULATES'
  | 'E_INVALID_META'
  | 'E_INVALID_NEW_RECORD'
  | 'E_INVALID_NEW_RECORDS'
  | 'E_INVALID_VALUES_TO_SET'
  | 'E_INVALID_NUMERIC_ATTR_NAME'
  | 'E_INVALID_STREAM_ITERATEE'
  | 'E_INVALID_TARGET_RECORD_IDS'
  | 'E_INVALID_COLLECTION_ATTR_NAME'
  | 'E_INVALID_ASSOCIATED_IDS'
  | 'E_INTERCEPT_HANDLER_FAILED'
  | 'E_NOOP'
  | 'E_USAGE';

const HEADERS: Record<UsageErrorCode, string> = {
  E_INVALID_CRITERIA: 'Invalid criteria.',
  E_INVALID_POPULATES: 'Invalid populate(s).',
  E_INVALID_META: 'Invalid meta.',
  E_INVALID_NEW_RECORD: 'Invalid new record.',
  E_INVALID_NEW_RECORDS: 'Invalid new records.',
  E_INVALID_VALUES_TO_SET: 'Invalid values to set.',
  E_INVALID_NUMERIC_ATTR_NAME: 'Invalid numeric attribute name.',
  E_INVALID_STREAM_ITERATEE: 'Invalid iteratee function.',
  E_INVALID_TARGET_RECORD_IDS: 'Invalid target record id(s).',
  E_INVALID_COLLECTION_ATTR_NAME: 'Invalid collection attribute name.',
  E_INVALID_ASSOCIATED_IDS: 'Invalid associated id(s).',
  E_INTERCEPT_HANDLER_FAILED: 'An `.intercept()` handler failed.',
  E_NOOP: 'Query is a no-op.',
  E_USAGE: 'Invalid usage.',
};

/**
 * A mistake in how a query was called, caught before anything reaches the database.
 * `details` is the inner reason; `message` adds a header naming the problem class.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: UsageErrorCode;
  readonly details: string;
  modelIdentity?: string;
  /** For invalid records / values to set: every problem found, so callers need not parse `details`. */
  problems?: RecordProblem[];
  /** The underlying value, when this error wraps another (e.g. what an `.intercept()` handler threw). */
  raw?: unknown;

  constructor(code: UsageErrorCode, details: string, modelIdentity?: string) {
    super(`${HEADERS[code]}\nDetails:\n  ${details}`);
    this.code = code;
    this.details = details;
    if (modelIdentity !== undefined) this.modelIdentity = modelIdentity;
  }
}

/** True when `err` is a UsageError with the given code. */
export function isUsageError(err: unknown, code?: UsageErrorCode): err is UsageError {
  return err instanceof UsageError && (code === undefined || err.code === code);
}
