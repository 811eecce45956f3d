/** `sendNativeQuery` on SQLite: any SQL, `?` / `?NNN` / `$NNN` placeholders. */
import type { RecordData } from '../../query/shapes.js';
import { bindable } from '../sql/codec.js';
import type { SqliteDatastore } from './datastore.js';
import { sqliteDialect } from './dialect.js';

/**
 * What `sendNativeQuery` resolves to on SQLite.
 * - `rows`: result rows as objects (SELECT, PRAGMA, `… RETURNING`); `[]` for other statements.
 * - `changes`: rows inserted, updated or deleted by the statement.
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
  const params: unknown[] = NUMBERED.test(sql) ? [Object.fromEntries(bound.map((v, i) => [String(i + 1), v]))] : bound;
  const before = d.db.totalChanges;
  if (bound.length === 0 && hasSeveralStatements(sql)) {
    // Scripts (several statements, no parameters) go through exec.
    d.exec(sql);
    return { rows: [], changes: d.db.totalChanges - before, lastInsertRowid: lastRowid(d) };
  }
  const statement = d.prepare(sql);
  return d.attempt(sql, () => {
    if (statement.reader) {
      const rows = statement.raw(false).all(...params) as RecordData[];
      return { rows, changes: d.db.totalChanges - before, lastInsertRowid: lastRowid(d) };
    }
    const result = statement.run(...params);
    return { rows: [], changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  });
}

function lastRowid(d: SqliteDatastore): number | bigint {
  const row = d.get({ sql: 'SELECT last_insert_rowid() AS id', values: [] });
  const id = row?.id;
  return typeof id === 'number' || typeof id === 'bigint' ? id : 0;
}

function hasSeveralStatements(sql: string): boolean {
  const trimmed = sql.trim().replace(/;+$/, '');
  return trimmed.includes(';');
}
