/**
 * Table DDL shared by the SQL dialects: the statement text is common, column types and
 * auto-increment come from `Dialect.columnDdl`.
 */
import type { TableDefinition } from '../adapter.js';
import { isSafeNativeType, parseColumnType } from './column-type.js';
import type { Dialect } from './dialect.js';

export function createTableSql(dialect: Dialect, table: string, definition: TableDefinition): string {
  const columns = Object.entries(definition);
  if (columns.length === 0) throw new Error(`Cannot define table \`${table}\`: it has no columns.`);
  const primaryKeys = columns.filter(([, def]) => def.primaryKey);
  if (primaryKeys.length > 1) {
    throw new Error(`Cannot define table \`${table}\`: more than one primary key column (${primaryKeys.map(([c]) => c).join(', ')}).`);
  }
  const parts = columns.map(([column, def]) => {
    const type = parseColumnType(def.columnType);
    if (type.kind === 'native' && !isSafeNativeType(def.columnType)) {
      throw new Error(`Cannot define \`${table}.${column}\`: \`${def.columnType}\` is not a column type.`);
    }
    return `${dialect.quoteId(column)} ${dialect.columnDdl(table, column, def, type)}`;
  });
  return `CREATE TABLE ${dialect.quoteId(table)} (${parts.join(', ')})${dialect.tableOptions ?? ''}`;
}

export function dropTableSql(dialect: Dialect, table: string): string {
  return `DROP TABLE IF EXISTS ${dialect.quoteId(table)}`;
}

export function renameTableSql(dialect: Dialect, from: string, to: string): string {
  return `ALTER TABLE ${dialect.quoteId(from)} RENAME TO ${dialect.quoteId(to)}`;
}

/** Copies `columns` of every row from one table into another. */
export function copyRowsSql(dialect: Dialect, from: string, to: string, columns: readonly string[]): string {
  const list = columns.map((c) => dialect.quoteId(c)).join(', ');
  return `INSERT INTO ${dialect.quoteId(to)} (${list}) SELECT ${list} FROM ${dialect.quoteId(from)}`;
}
