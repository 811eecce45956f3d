/**
 * MySQL/MariaDB answers to the shared compiler's hooks. There is no RETURNING on MySQL, so
 * `returning` is false and the adapter reads rows back by primary key; booleans are
 * TINYINT(1) and json is text checked by JSON_VALID, both decoded again on read.
 *
 * Column types (reserved `columnType`s):
 * - `_number` DOUBLE; `_numberkey` INT (INT AUTO_INCREMENT PRIMARY KEY with autoIncrement);
 *   `_numbertimestamp` BIGINT.
 * - `_string` LONGTEXT, but VARCHAR(255) when unique or a primary key (MySQL cannot index a
 *   TEXT column without a prefix length) and for `_stringkey` / `_stringtimestamp`.
 * - `_boolean` BOOLEAN (= TINYINT(1)).
 * - `_json` LONGTEXT CHECK (JSON_VALID(col)) — MariaDB's own JSON type, and plain text on
 *   MySQL 8 too, so stored JSON text is kept byte for byte and compared as text.
 * - `_ref` LONGBLOB (VARBINARY(255) when indexed): Buffers round-trip exactly; other values
 *   are stored as their text and come back as Buffers.
 */
import type { ColumnDefinition } from '../adapter.js';
import type { ColumnType } from '../sql/column-type.js';
import type { Compiled, Dialect } from '../sql/dialect.js';
import { mysqlFootprint } from './errors.js';
import { decodeJsonText } from '../sql/codec.js';

/** Largest LIMIT MySQL accepts: how it spells "no limit" when only OFFSET is wanted. */
const NO_LIMIT = '18446744073709551615';

/** Case-insensitive (MySQL's habit) and sorting punctuation before letters on every server. */
export const DEFAULT_COLLATION = 'utf8mb4_unicode_ci';

export const mysqlDialect: Dialect = {
  name: 'mysql',
  quoteId: (name) => `\`${name.replaceAll('`', '``')}\``,
  placeholder: () => '?',
  returning: false,
  limitOffset(limit, offset) {
    if (limit === undefined) return offset === undefined ? '' : ` LIMIT ${NO_LIMIT} OFFSET ${offset}`;
    return offset === undefined ? ` LIMIT ${limit}` : ` LIMIT ${limit} OFFSET ${offset}`;
  },
  // Case sensitivity follows the column collation (case-insensitive by default); the meta flag
  // overrides a case-sensitive one. Mooring's text columns are all utf8mb4.
  likeOperator: (caseInsensitive) => (caseInsensitive ? `COLLATE ${DEFAULT_COLLATION} LIKE` : 'LIKE'),
  // SQL text `'\\'`: one backslash in a MySQL string literal (the default sql_mode).
  likeEscape: " ESCAPE '\\\\'",
  encodeBoolean: (value) => (value ? 1 : 0),
  decodeBoolean(value) {
    if (typeof value === 'number') return value !== 0;
    if (typeof value === 'string') return value !== '0';
    return value;
  },
  encodeJson: (value) => JSON.stringify(value),
  decodeJson: decodeJsonText,
  // The driver formats Dates for DATETIME/TIMESTAMP columns (in its `timezone`).
  encodeDate: (value) => value,
  pagedRowsViaDerivedTable: true,
  emptyInsert: ' () VALUES ()',
  tableOptions: tableOptions(DEFAULT_COLLATION),
  columnDdl,
  setSequence(table, _column, value): Compiled[] {
    if (!Number.isFinite(value)) throw new Error(`Cannot set the sequence of \`${table}\`: ${String(value)} is not a number.`);
    // DDL takes no placeholders; the value is a checked integer. InnoDB never goes below max(id) + 1.
    const next = Math.max(1, Math.trunc(value) + 1);
    return [{ sql: `ALTER TABLE ${mysqlDialect.quoteId(table)} AUTO_INCREMENT = ${next}`, values: [] }];
  },
  footprint: mysqlFootprint,
};

export function tableOptions(collation: string): string {
  return ` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;
}

/** The dialect with tables created under another collation (datastore setting `collation`). */
export function dialectWithCollation(collation: string): Dialect {
  return collation === DEFAULT_COLLATION ? mysqlDialect : { ...mysqlDialect, tableOptions: tableOptions(collation) };
}

function columnDdl(table: string, column: string, def: ColumnDefinition, type: ColumnType): string {
  const indexed = def.primaryKey === true || def.unique === true;
  let sql = typeName(type, def, indexed);
  if (def.autoIncrement) {
    const integerLike = type.kind === 'number' || (type.kind === 'native' && /int/i.test(type.native ?? ''));
    if (!integerLike) {
      throw new Error(`Cannot define \`${table}.${column}\`: auto-increment needs an integer column type, not \`${def.columnType}\`.`);
    }
    if (!indexed) {
      throw new Error(`Cannot define \`${table}.${column}\`: MySQL can only auto-increment a primary key or unique column.`);
    }
    sql += ' AUTO_INCREMENT';
  }
  if (def.primaryKey) sql += ' PRIMARY KEY';
  // Inline UNIQUE names the index after the column, which is how duplicate-key errors map back.
  else if (def.unique) sql += ' UNIQUE';
  if (type.kind === 'json') sql += ` CHECK (JSON_VALID(${mysqlDialect.quoteId(column)}))`;
  return sql;
}

function typeName(type: ColumnType, def: ColumnDefinition, indexed: boolean): string {
  switch (type.kind) {
    case 'native':
      return type.native ?? 'LONGBLOB';
    case 'number':
      if (type.timestamp) return 'BIGINT';
      return type.key || def.autoIncrement ? 'INT' : 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return indexed || type.key || type.timestamp ? 'VARCHAR(255)' : 'LONGTEXT';
    case 'json':
      return indexed ? 'VARCHAR(255)' : 'LONGTEXT';
    case 'ref':
      return indexed ? 'VARBINARY(255)' : 'LONGBLOB';
  }
}
