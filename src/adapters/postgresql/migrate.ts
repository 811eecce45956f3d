/**
 * DDL on one PostgreSQL datastore: define, drop and alter. PostgreSQL DDL is transactional,
 * so `alter` rebuilds a table inside one transaction and either fully succeeds or changes nothing.
 */
import { createHash } from 'node:crypto';
import type { QueryMeta } from '../../query/shapes.js';
import type { TableDefinition } from '../adapter.js';
import { parseColumnType } from '../sql/column-type.js';
import { createTableSql, dropTableSql } from '../sql/ddl.js';
import type { PostgresqlDatastore, Queryable } from './datastore.js';
import { castType, postgresqlDialect as dialect } from './dialect.js';
import { atomically } from './transactions.js';

const q = (name: string): string => dialect.quoteId(name);

export async function define(d: PostgresqlDatastore, table: string, definition: TableDefinition, meta: QueryMeta | undefined): Promise<void> {
  await atomically(d, meta, async (on) => {
    await d.send(on, { sql: createTableSql(dialect, table, definition), values: [] }, table);
    await d.send(on, { sql: commentSql(table, definition), values: [] }, table);
  });
  d.describe(table, definition);
}

export async function drop(d: PostgresqlDatastore, table: string, meta: QueryMeta | undefined): Promise<void> {
  await d.records({ sql: dropTableSql(dialect, table), values: [] }, meta, table);
  d.schemaChanged();
}

/**
 * Creates the table if absent. Otherwise, unless it was last built from this very definition,
 * rebuilds it keeping its rows: copy them aside, drop, create, copy back the shared columns
 * (cast to their new types), carry the id sequences over. A row that does not fit rolls it all back.
 */
export async function alter(d: PostgresqlDatastore, table: string, definition: TableDefinition, meta: QueryMeta | undefined): Promise<void> {
  await atomically(d, meta, async (on) => {
    const run = (sql: string, values: unknown[] = []) => d.send(on, { sql, values }, table);
    // Apps starting side by side would otherwise rebuild the same table at once.
    await run('SELECT pg_advisory_xact_lock(hashtext($1))', [`mooring alter ${table}`]);
    const existing = await existingColumns(d, on, table);
    if (existing.size === 0) {
      await run(createTableSql(dialect, table, definition));
      await run(commentSql(table, definition));
      return;
    }
    const { rows } = await run("SELECT obj_description(to_regclass($1), 'pg_class') AS note", [q(table)]);
    if (rows[0]?.note === fingerprint(definition)) return;

    const shared = Object.keys(definition).filter((column) => existing.has(column));
    const sequences = await lastSequenceValues(d, on, table, definition, existing);
    const backup = 'mooring_alter_backup';
    await run(`DROP TABLE IF EXISTS pg_temp.${q(backup)}`);
    await run(`CREATE TEMP TABLE ${q(backup)} ON COMMIT DROP AS SELECT * FROM ${q(table)}`);
    await run(dropTableSql(dialect, table));
    await run(createTableSql(dialect, table, definition));
    if (shared.length > 0) {
      const values = shared.map((column) => copyExpression(column, definition, existing));
      try {
        await run(`INSERT INTO ${q(table)} (${shared.map(q).join(', ')}) SELECT ${values.join(', ')} FROM pg_temp.${q(backup)}`);
      } catch (cause) {
        throw refusal(d, table, cause);
      }
    }
    for (const [column, last] of sequences) {
      const sql = `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3::bigint, MAX(${q(column)}))) FROM ${q(table)} HAVING GREATEST($3::bigint, MAX(${q(column)})) >= 1`;
      await run(sql, [q(table), column, last]);
    }
    await run(`DROP TABLE pg_temp.${q(backup)}`);
    await run(commentSql(table, definition));
  });
  d.describe(table, definition);
}

/** Existing columns of `table` → their SQL types (empty when the table is absent). */
async function existingColumns(d: PostgresqlDatastore, on: Queryable, table: string): Promise<Map<string, string>> {
  const sql =
    'SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute ' +
    'WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum';
  const { rows } = await d.send(on, { sql, values: [q(table)] }, table);
  return new Map(rows.map((row) => [String(row.name), String(row.type)]));
}

/** For each auto-increment column that exists already: its sequence's last value (0 if none), so ids are never reused. */
async function lastSequenceValues(
  d: PostgresqlDatastore,
  on: Queryable,
  table: string,
  definition: TableDefinition,
  existing: ReadonlyMap<string, string>,
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const [column, def] of Object.entries(definition)) {
    if (!def.autoIncrement || !existing.has(column)) continue;
    const sql = 'SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass), 0) AS last';
    const { rows } = await d.send(on, { sql, values: [q(table), column] }, table);
    result.set(column, Number(rows[0]?.last ?? 0));
  }
  return result;
}

/** The old value converted to the new column's type; json columns take any value as JSON. */
function copyExpression(column: string, definition: TableDefinition, existing: ReadonlyMap<string, string>): string {
  const def = definition[column];
  const oldType = existing.get(column) ?? '';
  if (!def) return q(column);
  const newType = castType(def, parseColumnType(def.columnType));
  if (newType.toLowerCase() === oldType.toLowerCase()) return q(column);
  if (newType.toLowerCase() === 'jsonb' && !/^jsonb?$/i.test(oldType)) return `to_jsonb(${q(column)})`;
  return `CAST(${q(column)} AS ${newType})`;
}

function refusal(d: PostgresqlDatastore, table: string, cause: unknown): Error {
  const driver = (cause as { cause?: unknown }).cause ?? cause;
  const message = driver instanceof Error ? driver.message : String(driver);
  const detail = (driver as { detail?: unknown }).detail;
  const reason = typeof detail === 'string' ? `${message}: ${detail}` : message;
  return new Error(
    `Cannot alter table \`${table}\` in datastore \`${d.name}\`: its existing rows do not fit the new definition ` +
      `(${reason}). Nothing was changed; fix the data or the definition and migrate again.`,
    { cause },
  );
}

/** The table comment records which definition built it, so an unchanged model costs no rebuild. */
function fingerprint(definition: TableDefinition): string {
  const canonical = Object.entries(definition).map(([column, def]) => [column, def.columnType, !!def.unique, !!def.autoIncrement, !!def.primaryKey]);
  return `mooring:v1:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32)}`;
}

/** COMMENT takes no parameters; the fingerprint is hex and a fixed prefix, so it is safe inline. */
function commentSql(table: string, definition: TableDefinition): string {
  return `COMMENT ON TABLE ${q(table)} IS '${fingerprint(definition)}'`;
}
