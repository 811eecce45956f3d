/** `sendNativeQuery` on PostgreSQL: any SQL, `$1…$n` placeholders, pg's own value handling. */
import type pg from 'pg';
import type { QueryMeta, RecordData } from '../../query/shapes.js';
import type { PostgresqlDatastore } from './datastore.js';

/**
 * What `sendNativeQuery` resolves to on PostgreSQL: pg's result, as sails-postgresql reports it.
 * - `command`: `SELECT`, `INSERT`, `UPDATE`, …
 * - `rowCount`: rows returned or affected (`null` for commands without a count).
 * - `rows`: result rows as objects (types parsed by pg: BIGINT and NUMERIC stay strings).
 * A script of several statements (no values) reports its last statement.
 */
export interface PostgresqlNativeResult {
  command: string;
  rowCount: number | null;
  oid: number;
  rows: RecordData[];
  fields: pg.FieldDef[];
}

export async function sendNativeQuery(d: PostgresqlDatastore, sql: string, values: readonly unknown[], meta: QueryMeta | undefined): Promise<PostgresqlNativeResult> {
  const result = await d.native(sql, values, meta);
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (!last) return { command: '', rowCount: null, oid: 0, rows: [], fields: [] };
  return { command: last.command, rowCount: last.rowCount, oid: last.oid, rows: last.rows as RecordData[], fields: last.fields };
}
