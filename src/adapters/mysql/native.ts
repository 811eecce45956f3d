/** `sendNativeQuery` on MySQL: any SQL, `?` placeholders or `$1…$n` (converted), sails-mysql's result shape. */
import type { FieldPacket, ResultSetHeader } from 'mysql2/promise';
import type { RecordData } from '../../query/shapes.js';
import { inTransactionStatus, type MysqlConnection } from './connection.js';
import type { MysqlDatastore } from './datastore.js';
import { withConnection } from './transactions.js';

/**
 * What `sendNativeQuery` resolves to on MySQL (as sails-mysql):
 * - a statement returning rows (SELECT, SHOW, …): `{rows, fields}`;
 * - any other statement: the driver's result (`affectedRows`, `insertId`, `changedRows`, …).
 */
export type MysqlNativeResult = { rows: RecordData[]; fields: FieldPacket[] } | ResultSetHeader;

export async function sendNativeQuery(d: MysqlDatastore, lease: MysqlConnection | undefined, sql: string, values: readonly unknown[]): Promise<MysqlNativeResult> {
  const converted = toQuestionMarks(sql, values);
  return withConnection(d, lease, async (connection) => {
    const [result, fields] = await d.text(connection, converted.sql, undefined, converted.values);
    if (Array.isArray(result)) return { rows: result as RecordData[], fields: fields ?? [] };
    const header = result as ResultSetHeader;
    const open = inTransactionStatus(header.serverStatus);
    if (lease) lease.inTransaction = open;
    else if (open) {
      // This connection returns to the pool: a transaction must not go with it.
      await d.text(connection, 'ROLLBACK');
      throw new Error(
        `Datastore \`${d.name}\`: a native query cannot leave a transaction open on a pooled connection; it was rolled back. ` +
          'Use `datastore.transaction()` (or `leaseConnection`) instead.',
      );
    }
    return header;
  });
}

/**
 * `$1…$n` (PostgreSQL style) → `?` with the values reordered to match; quoted text, quoted
 * identifiers and comments are left alone. SQL without `$n` is returned as given.
 */
export function toQuestionMarks(sql: string, values: readonly unknown[]): { sql: string; values: unknown[] } {
  let out = '';
  const ordered: unknown[] = [];
  let numbered = false;
  let i = 0;
  while (i < sql.length) {
    const skip = skipQuotedOrComment(sql, i);
    if (skip > i) {
      out += sql.slice(i, skip);
      i = skip;
      continue;
    }
    const match = sql[i] === '$' ? /^\$(\d+)/.exec(sql.slice(i, i + 12)) : null;
    if (match?.[1] !== undefined && !/[\w$]/.test(sql[i - 1] ?? ' ')) {
      const n = Number(match[1]);
      if (n < 1 || n > values.length) throw new Error(`Native query: \`$${n}\` has no value (${values.length} given).`);
      ordered.push(values[n - 1]);
      out += '?';
      numbered = true;
      i += match[0].length;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return numbered ? { sql: out, values: ordered } : { sql, values: [...values] };
}

/** The index after a quoted string, quoted identifier or comment starting at `i`, else `i`. */
function skipQuotedOrComment(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === '\\' && c !== '`') j += 2;
      else if (sql[j] === c && sql[j + 1] === c) j += 2;
      else if (sql[j] === c) return j + 1;
      else j += 1;
    }
    return sql.length;
  }
  if (c === '#' || (c === '-' && sql[i + 1] === '-')) {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return i;
}
