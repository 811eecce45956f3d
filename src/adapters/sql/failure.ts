/** Driver errors → the Error an adapter reports: classified footprint, driver error as `cause`, SQL kept. */
import { footprintError, type RawAdapterError } from '../../errors/adapter-error.js';
import type { Dialect } from './dialect.js';

export interface SqlAdapterError extends RawAdapterError {
  /** The statement that failed (values are not included: they may be secrets). */
  sql?: string;
}

export function sqlFailure(dialect: Dialect, error: unknown, sql: string | undefined, table?: string): SqlAdapterError {
  const footprint = dialect.footprint(error, table);
  const message = error instanceof Error ? error.message : String(error);
  const text = footprint.identity === 'catchall' && sql !== undefined ? `${message}\n  SQL: ${sql}` : message;
  const failure: SqlAdapterError = footprintError(text, footprint, error);
  if (sql !== undefined) failure.sql = sql;
  return failure;
}
