/**
 * DDL on one MySQL datastore: define, drop, alter and sequences. MySQL DDL commits on its own
 * and cannot be rolled back, so `alter` never touches the table until a complete copy exists:
 * build the new table under a scratch name, copy the rows (strict mode, counted), then swap
 * both names in one atomic `RENAME TABLE` and drop the old table.
 */
import type { PoolConnection } from 'mysql2/promise';
import type { TableDefinition } from '../adapter.js';
import { copyRowsSql, createTableSql, dropTableSql } from '../sql/ddl.js';
import type { MysqlConnection } from './connection.js';
import type { MysqlDatastore } from './datastore.js';
import { withConnection } from './transactions.js';

export async function define(d: MysqlDatastore, lease: MysqlConnection | undefined, table: string, definition: TableDefinition): Promise<void> {
  await d.text(d.runner(lease), createTableSql(d.ddl, table, definition), table);
  d.describe(table, definition);
}

export async function drop(d: MysqlDatastore, lease: MysqlConnection | undefined, table: string): Promise<void> {
  await d.text(d.runner(lease), dropTableSql(d.ddl, table), table);
  d.forget(table);
}

/**
 * Creates the table if absent; otherwise rebuilds it to `definition` keeping every row (the
 * columns both share) and the auto-increment counter. If any row does not fit, the scratch
 * table is dropped, the table is untouched, and the error says why. A table that already
 * has exactly the new definition is left as it is.
 *
 * A named lock serialises alters of one table across processes (several app instances
 * lifting at once). Writes by other clients between the copy and the swap would be lost:
 * run `alter` when nothing else writes to the table (at deployment), as with any MySQL rebuild.
 */
export async function alter(d: MysqlDatastore, lease: MysqlConnection | undefined, table: string, definition: TableDefinition): Promise<void> {
  await withConnection(d, lease, (connection) => withTableLock(d, connection, table, () => rebuild(d, connection, table, definition)));
  d.describe(table, definition);
}

async function rebuild(d: MysqlDatastore, connection: PoolConnection, table: string, definition: TableDefinition): Promise<void> {
  const existing = (await d.tableColumns(connection, table)).map((c) => c.toLowerCase());
  if (existing.length === 0) {
    await d.text(connection, createTableSql(d.ddl, table, definition), table);
    return;
  }
  const scratch = scratchName(table, 'new');
  const backup = scratchName(table, 'old');
  const q = (name: string): string => d.ddl.quoteId(name);
  await d.text(connection, dropTableSql(d.ddl, scratch));
  await d.text(connection, createTableSql(d.ddl, scratch, definition), table);
  if ((await tableDdl(d, connection, scratch, table)) === (await tableDdl(d, connection, table, table))) {
    await d.text(connection, dropTableSql(d.ddl, scratch));
    return;
  }
  // MySQL column names ignore case.
  const shared = Object.keys(definition).filter((column) => existing.includes(column.toLowerCase()));
  try {
    if (shared.length > 0) await copyAll(d, connection, table, scratch, shared);
  } catch (cause) {
    await d.text(connection, dropTableSql(d.ddl, scratch)).catch(() => undefined);
    const message = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    throw new Error(
      `Cannot alter table \`${table}\` in datastore \`${d.name}\`: its existing rows do not fit the new definition ` +
        `(${message.replaceAll(scratch, table)}). Nothing was changed; fix the data or the definition and migrate again.`,
      { cause },
    );
  }
  // The counter remembers ids of deleted rows; the copy alone would hand them out again.
  const next = await nextAutoIncrement(d, connection, table);
  if (next !== undefined && Object.values(definition).some((c) => c.autoIncrement)) {
    await d.text(connection, `ALTER TABLE ${q(scratch)} AUTO_INCREMENT = ${next}`, table);
  }
  await d.text(connection, dropTableSql(d.ddl, backup));
  await d.text(connection, `RENAME TABLE ${q(table)} TO ${q(backup)}, ${q(scratch)} TO ${q(table)}`, table);
  await d.text(connection, dropTableSql(d.ddl, backup));
}

const LOCK_SECONDS = 60;

/** Holds the server-wide named lock for altering `table` while `work` runs. */
async function withTableLock(d: MysqlDatastore, connection: PoolConnection, table: string, work: () => Promise<void>): Promise<void> {
  // Lock names are server-wide and at most 64 characters.
  const name = `mooring_alter:${hashed(`${d.settings.database}.${table}`, 49)}`;
  const [[granted]] = (await d.rows(connection, { sql: 'SELECT GET_LOCK(?, ?)', values: [name, LOCK_SECONDS] })) as [[unknown]];
  if (Number(granted) !== 1) {
    throw new Error(`Cannot alter table \`${table}\` in datastore \`${d.name}\`: another process kept altering it for ${LOCK_SECONDS} seconds.`);
  }
  try {
    await work();
  } finally {
    await d.rows(connection, { sql: 'SELECT RELEASE_LOCK(?)', values: [name] });
  }
}

/** `SHOW CREATE TABLE` text, named as `as` and without the counter, to compare two tables' definitions. */
async function tableDdl(d: MysqlDatastore, connection: PoolConnection, table: string, as: string): Promise<string> {
  const [row] = await d.textRows(connection, `SHOW CREATE TABLE ${d.ddl.quoteId(table)}`, table);
  return String(row?.[1] ?? '')
    .replaceAll(d.ddl.quoteId(table), d.ddl.quoteId(as))
    .replaceAll(`${table}_chk_`, `${as}_chk_`)
    .replace(/ AUTO_INCREMENT=\d+/, '');
}

/** Copies every row in strict mode (no silent truncation) and checks none went missing. */
async function copyAll(d: MysqlDatastore, connection: PoolConnection, from: string, to: string, columns: readonly string[]): Promise<void> {
  const [[mode]] = (await d.textRows(connection, 'SELECT @@SESSION.sql_mode')) as [[string]];
  const strict = /STRICT_ALL_TABLES/.test(mode);
  if (!strict) await d.text(connection, "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES')");
  try {
    const [[before]] = (await d.textRows(connection, `SELECT COUNT(*) FROM ${d.ddl.quoteId(from)}`, from)) as [[number]];
    const [result] = await d.text(connection, copyRowsSql(d.ddl, from, to, columns), to);
    const copied = 'affectedRows' in result ? result.affectedRows : Number.NaN;
    if (copied !== Number(before)) throw new Error(`copied ${copied} of ${before} rows; the table changed during the copy`);
  } finally {
    if (!strict) await d.text(connection, 'SET SESSION sql_mode = ?', undefined, [mode]);
  }
}

async function nextAutoIncrement(d: MysqlDatastore, connection: PoolConnection, table: string): Promise<number | undefined> {
  // SHOW CREATE TABLE is current; information_schema.TABLES may be cached (MySQL 8).
  const [row] = await d.textRows(connection, `SHOW CREATE TABLE ${d.ddl.quoteId(table)}`, table);
  const ddl = String(row?.[1] ?? '');
  const options = ddl.slice(ddl.lastIndexOf(')'));
  const match = /\bAUTO_INCREMENT=(\d+)/.exec(options);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Waterline names sequences `<table>_<pk column>_seq`; MySQL keeps one AUTO_INCREMENT counter
 * per table. Tables Mooring does not know, or without an auto-increment column, are left alone.
 */
export async function setSequence(d: MysqlDatastore, lease: MysqlConnection | undefined, sequenceName: string, value: number): Promise<void> {
  const base = sequenceName.replace(/_seq$/, '');
  const known = d.tables().find(([table, pk]) => pk !== undefined && base === `${table}_${pk}`);
  if (!known) return;
  const [table, pk] = known;
  if (!Object.values(d.definition(table) ?? {}).some((c) => c.autoIncrement)) return;
  for (const statement of d.ddl.setSequence(table, pk ?? '', value)) await d.text(d.runner(lease), statement.sql, table);
}

/** A table name near `table`, at most 64 characters (MySQL's limit). */
function scratchName(table: string, suffix: string): string {
  return hashed(table, 64 - suffix.length - 10) + `__mooring_${suffix}`;
}

/** `text` itself when it has at most `max` characters, else a prefix plus a hash of the whole. */
function hashed(text: string, max: number): string {
  if (text.length <= max) return text;
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `${text.slice(0, max - 9)}_${hash.toString(16).padStart(8, '0')}`;
}
