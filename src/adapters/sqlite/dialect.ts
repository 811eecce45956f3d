/**
 * SQLite's answers to the shared compiler's hooks. SQLite has no boolean or json types:
 * booleans are stored as 0/1 and json as JSON text, decoded again on read.
 */
import type { ColumnDefinition } from '../adapter.js';
import type { ColumnType } from '../sql/column-type.js';
import type { Compiled, Dialect } from '../sql/dialect.js';
import { sqliteFootprint } from './errors.js';
import { decodeJsonText } from '../sql/codec.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  quoteId: (name) => `"${name.replaceAll('"', '""')}"`,
  placeholder: () => '?',
  returning: true,
  limitOffset(limit, offset) {
    if (limit === undefined) return offset === undefined ? '' : ` LIMIT -1 OFFSET ${offset}`;
    return offset === undefined ? ` LIMIT ${limit}` : ` LIMIT ${limit} OFFSET ${offset}`;
  },
  // SQLite's LIKE already ignores ASCII case, with or without the meta flag.
  likeOperator: () => 'LIKE',
  likeEscape: " ESCAPE '\\'",
  arrayMembership: {
    sql: (expression, placeholder) => `${expression} IN (SELECT value FROM json_each(${placeholder}))`,
    encode: (values) => JSON.stringify(values),
  },
  encodeBoolean: (value) => (value ? 1 : 0),
  decodeBoolean(value) {
    if (typeof value === 'number') return value !== 0;
    if (typeof value === 'bigint') return value !== 0n;
    return value;
  },
  encodeJson: (value) => JSON.stringify(value),
  decodeJson: decodeJsonText,
  encodeDate: (value) => value.toISOString(),
  columnDdl,
  setSequence(table, _column, value): Compiled[] {
    // sqlite_sequence has no unique key on `name`, so "upsert" is delete + insert.
    return [
      { sql: 'DELETE FROM sqlite_sequence WHERE name = ?', values: [table] },
      { sql: 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', values: [table, value] },
    ];
  },
  footprint: sqliteFootprint,
};

const TYPES: Record<Exclude<ColumnType['kind'], 'native'>, string> = {
  string: 'TEXT',
  number: 'REAL',
  boolean: 'INTEGER',
  json: 'TEXT',
  // BLOB affinity stores every value as given: Buffers stay bytes, numbers stay numbers.
  ref: 'BLOB',
};

function columnDdl(table: string, column: string, def: ColumnDefinition, type: ColumnType): string {
  const integerLike = type.kind === 'number' || (type.kind === 'native' && /int/i.test(type.native ?? ''));
  if (def.autoIncrement) {
    if (!def.primaryKey) {
      throw new Error(`Cannot define \`${table}.${column}\`: SQLite can only auto-increment the primary key column.`);
    }
    if (!integerLike) {
      throw new Error(`Cannot define \`${table}.${column}\`: auto-increment needs a numeric column type, not \`${def.columnType}\`.`);
    }
    // Exactly `INTEGER PRIMARY KEY` makes the column the rowid; AUTOINCREMENT never reuses ids.
    return 'INTEGER PRIMARY KEY AUTOINCREMENT';
  }
  // Keys and timestamps hold whole numbers; plain numbers may be floats.
  let sql = type.kind === 'native' ? (type.native ?? 'BLOB') : type.kind === 'number' && (type.key || type.timestamp) ? 'INTEGER' : TYPES[type.kind];
  if (def.primaryKey) {
    // SQLite lets NULL into a non-INTEGER primary key unless told otherwise.
    sql += sql.toUpperCase() === 'INTEGER' ? ' PRIMARY KEY' : ' PRIMARY KEY NOT NULL';
  } else if (def.unique) {
    sql += ' UNIQUE';
  }
  return sql;
}
