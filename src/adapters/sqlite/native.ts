/** `sendNativeQuery` on SQLite: any SQL, `?` / `?NNN` / `$NNN` placeholders. */
import type Database from 'better-sqlite3';
import type { RecordData } from '../../query/shapes.js';
import { bindable } from '../sql/codec.js';
import type { SqliteDatastore } from './datastore.js';
import { sqliteDialect } from './dialect.js';

/**
 * What `sendNativeQuery` resolves to on SQLite.
 * - `rows`: result rows as objects (SELECT, PRAGMA, `… RETURNING`); `[]` for other statements.
 * - `changes`: rows inserted, updated or deleted by the statement(s).
 * - `lastInsertRowid`: the rowid of the most recent successful INSERT on the connection.
 */
export interface SqliteNativeResult {
  rows: RecordData[];
  changes: number;
  lastInsertRowid: number | bigint;
}

// `$1`/`?1` placeholders (as written for PostgreSQL) bind by number, not by position.
const NUMBERED = /[$?]\d/;

export function sendNativeQuery(d: SqliteDatastore, sql: string, values: readonly unknown[]): SqliteNativeResult {
  const bound = values.map((value) => bindable(value, sqliteDialect));
  const params: unknown[] = NUMBERED.test(sql) && bound.length > 0 ? [Object.fromEntries(bound.map((v, i) => [String(i + 1), v]))] : bound;
  const before = totalChanges(d);
  const statement = bound.length === 0 ? prepareOrScript(d, sql) : d.prepare(sql);
  if (!statement) return { rows: [], changes: totalChanges(d) - before, lastInsertRowid: lastRowid(d) };
  d.observe(sql);
  return d.attempt(sql, () => {
    if (statement.reader) {
      const rows = statement.raw(false).all(...params) as RecordData[];
      return { rows, changes: totalChanges(d) - before, lastInsertRowid: lastRowid(d) };
    }
    const result = statement.run(...params);
    return { rows: [], changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  });
}

/** A script of several statements (no parameters) runs through exec; `undefined` then. */
function prepareOrScript(d: SqliteDatastore, sql: string): Database.Statement | undefined {
  try {
    return d.db.prepare(sql);
  } catch (error) {
    if (!(error instanceof RangeError) || !/more than one statement/.test(error.message)) {
      return d.attempt(sql, () => {
        throw error;
      });
    }
  }
  d.exec(sql);
  return undefined;
}

function totalChanges(d: SqliteDatastore): number {
  return Number(d.get({ sql: 'SELECT total_changes() AS n', values: [] })?.n ?? 0);
}

function lastRowid(d: SqliteDatastore): number | bigint {
  const id = d.get({ sql: 'SELECT last_insert_rowid() AS id', values: [] })?.id;
  return typeof id === 'number' || typeof id === 'bigint' ? id : 0;
}
