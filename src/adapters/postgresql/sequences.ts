/**
 * Identity sequences. PostgreSQL does not move a sequence when a row brings its own id, so
 * after such an insert Mooring moves it past the id (never back), and the next generated id
 * cannot collide. `setSequence` resolves Waterline's `<table>_<column>_seq` names.
 */
import type { QueryMeta, RecordData } from '../../query/shapes.js';
import type { PostgresqlDatastore, Queryable } from './datastore.js';
import { postgresqlDialect } from './dialect.js';

// `pg_sequence_last_value` is NULL until the sequence was first used.
const ADVANCE =
  'SELECT setval(s.seq, $3) FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq) AS s ' +
  'WHERE s.seq IS NOT NULL AND COALESCE(pg_sequence_last_value(s.seq), 0) < $3';

/** Highest explicit id per auto-increment column of `table` among `records`. */
export function explicitIds(d: PostgresqlDatastore, table: string, records: readonly RecordData[]): Map<string, number> {
  const highest = new Map<string, number>();
  for (const column of d.autoIncrement(table)) {
    for (const record of records) {
      const value = record[column];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 1 && value > (highest.get(column) ?? 0)) {
        highest.set(column, Math.ceil(value));
      }
    }
  }
  return highest;
}

/** Moves each sequence to at least the id given (a no-op when it is already further). */
export async function advanceSequences(d: PostgresqlDatastore, on: Queryable, table: string, highest: ReadonlyMap<string, number>): Promise<void> {
  for (const [column, value] of highest) {
    await d.send(on, { sql: ADVANCE, values: [postgresqlDialect.quoteId(table), column, value] }, table);
  }
}

/** Makes the next generated id `value + 1`; an unknown sequence is ignored, as on SQLite. */
export async function setSequence(d: PostgresqlDatastore, sequenceName: string, value: number, meta: QueryMeta | undefined): Promise<void> {
  const owner = sequenceOwner(d, sequenceName);
  if (owner) {
    for (const statement of postgresqlDialect.setSequence(owner.table, owner.column, value)) await d.records(statement, meta, owner.table);
    return;
  }
  // Not a table Mooring knows: a sequence of that name, if there is one.
  const sql = "SELECT setval(c.oid, $2, $3) FROM pg_class AS c WHERE c.oid = to_regclass($1) AND c.relkind = 'S'";
  await d.records({ sql, values: [postgresqlDialect.quoteId(sequenceName), Math.max(Math.ceil(value), 1), value >= 1] }, meta);
}

function sequenceOwner(d: PostgresqlDatastore, sequenceName: string): { table: string; column: string } | undefined {
  // The longest table name wins (`user_pet_id_seq` belongs to `user_pet`, not `user`).
  const tables = d.knownTables().sort((a, b) => b.length - a.length);
  for (const table of tables) {
    const columns = new Set([...d.autoIncrement(table), d.primaryKey(table)]);
    for (const column of columns) {
      if (column !== undefined && sequenceName === `${table}_${column}_seq`) return { table, column };
    }
  }
  return undefined;
}
