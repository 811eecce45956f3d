/** DDL on one SQLite datastore: define, drop, alter (atomic rebuild) and sequences. */
import type { TableDefinition } from '../adapter.js';
import { copyRowsSql, createTableSql, dropTableSql, renameTableSql } from '../sql/ddl.js';
import type { SqliteDatastore } from './datastore.js';
import { sqliteDialect } from './dialect.js';

export function define(d: SqliteDatastore, table: string, definition: TableDefinition): void {
  d.exec(createTableSql(sqliteDialect, table, definition), table);
  d.describe(table, definition);
}

export function drop(d: SqliteDatastore, table: string): void {
  d.exec(dropTableSql(sqliteDialect, table), table);
}

/**
 * Creates the table if absent; otherwise rebuilds it to `definition` inside one transaction:
 * new table, copy the columns both share, drop the old one, rename. If any row does not fit
 * (a new UNIQUE, a NOT NULL key) the transaction rolls back and the table is untouched.
 */
export function alter(d: SqliteDatastore, table: string, definition: TableDefinition): void {
  d.atomically(() => {
    const existing = d.tableColumns(table);
    const wanted = createTableSql(sqliteDialect, table, definition);
    if (existing.length === 0) {
      d.exec(wanted, table);
      return;
    }
    // SQLite keeps each table's CREATE statement verbatim: the same text means the same table,
    // so an unchanged model costs no rebuild at startup.
    if (storedCreateSql(d, table) === wanted) return;
    const scratch = `${table}__mooring_alter`;
    d.exec(dropTableSql(sqliteDialect, scratch));
    d.exec(createTableSql(sqliteDialect, scratch, definition), table);
    const shared = Object.keys(definition).filter((column) => existing.includes(column));
    if (shared.length > 0) {
      try {
        d.exec(copyRowsSql(sqliteDialect, table, scratch, shared), table);
      } catch (cause) {
        const message = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
        const reason = message.replaceAll(scratch, table);
        throw new Error(
          `Cannot alter table \`${table}\` in datastore \`${d.name}\`: its existing rows do not fit the new definition ` +
            `(${reason}). Nothing was changed; fix the data or the definition and migrate again.`,
          { cause },
        );
      }
    }
    // AUTOINCREMENT remembers the highest id ever used; keep that across the rebuild.
    const sequence = readSequence(d, table);
    d.exec(dropTableSql(sqliteDialect, table), table);
    d.exec(renameTableSql(sqliteDialect, scratch, table), table);
    if (sequence !== undefined && hasSequenceTable(d)) {
      const current = readSequence(d, table) ?? 0;
      if (sequence > current) runAll(d, sqliteDialect.setSequence(table, '', sequence));
    }
  });
  d.describe(table, definition);
}

/** The CREATE TABLE statement SQLite stored for `table` (after renames, with the current name). */
function storedCreateSql(d: SqliteDatastore, table: string): string | undefined {
  const row = d.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql?: unknown } | undefined;
  return typeof row?.sql === 'string' ? row.sql : undefined;
}

/**
 * Waterline names sequences `<table>_<pk column>_seq`; SQLite keeps one counter per
 * AUTOINCREMENT table in `sqlite_sequence`. Tables without one are left alone.
 */
export function setSequence(d: SqliteDatastore, sequenceName: string, value: number): void {
  const table = sequenceTable(d, sequenceName);
  if (table === undefined || !hasSequenceTable(d)) return;
  d.atomically(() => runAll(d, sqliteDialect.setSequence(table, '', value)));
}

function sequenceTable(d: SqliteDatastore, sequenceName: string): string | undefined {
  const base = sequenceName.replace(/_seq$/, '');
  const tables = d
    .all({ sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY length(name) DESC", values: [] })
    .map((row) => String(row.name));
  // The longest table name that prefixes `<table>_<column>` wins (`user_pet` over `user`).
  return tables.find((name) => {
    const pk = d.primaryKey(name);
    return pk !== undefined ? base === `${name}_${pk}` : base.startsWith(`${name}_`);
  });
}

function readSequence(d: SqliteDatastore, table: string): number | undefined {
  if (!hasSequenceTable(d)) return undefined;
  const row = d.get({ sql: 'SELECT seq FROM sqlite_sequence WHERE name = ?', values: [table] });
  return row === undefined ? undefined : Number(row.seq);
}

function hasSequenceTable(d: SqliteDatastore): boolean {
  return d.get({ sql: "SELECT 1 AS found FROM sqlite_master WHERE name = 'sqlite_sequence'", values: [] }) !== undefined;
}

function runAll(d: SqliteDatastore, statements: readonly { sql: string; values: unknown[] }[]): void {
  for (const statement of statements) d.run(statement);
}
