/**
 * Multi-row `INSERT … VALUES (…), (…)`: one round trip (and one atomic statement) per batch
 * instead of one per record. Needs `DEFAULT` in a VALUES list (PostgreSQL, MySQL; not SQLite),
 * used for a `null` primary key (the database generates it) and for columns a record lacks.
 */
import type { RecordData } from '../../query/shapes.js';
import type { CompileTarget, SqlCompiler } from './compiler.js';
import type { Compiled } from './dialect.js';
import { keyName, keyNames, Placeholders } from './shape-cache.js';

/** Texts for batches up to this many rows are cached; longer ones are rare and would bloat the cache. */
const CACHED_ROWS = 16;

/**
 * Statements inserting `records` in order, each binding at most `maxParameters` values
 * (PostgreSQL: 65535). With `fetch` (and `RETURNING`), rows come back in input order.
 */
export function compileInsertMany(
  compiler: SqlCompiler,
  target: CompileTarget,
  records: readonly RecordData[],
  primaryKey: string | undefined,
  fetch: boolean,
  maxParameters: number,
): Compiled[] {
  const columns = columnsOf(records, primaryKey);
  if (columns.length === 0) return records.map((record) => compiler.insert(target, record, primaryKey, fetch));
  const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
  const statements: Compiled[] = [];
  for (let start = 0; start < records.length; start += perStatement) {
    statements.push(compileBatch(compiler, target, records.slice(start, start + perStatement), columns, primaryKey, fetch));
  }
  return statements;
}

/** Every column some record sets, in order of first appearance. */
function columnsOf(records: readonly RecordData[], primaryKey: string | undefined): string[] {
  const columns = new Set<string>();
  for (const record of records) {
    for (const column in record) {
      if (!isDefault(record[column], column, primaryKey)) columns.add(column);
    }
  }
  return [...columns];
}

function isDefault(value: unknown, column: string, primaryKey: string | undefined): boolean {
  return value === undefined || (value === null && column === primaryKey);
}

function compileBatch(
  compiler: SqlCompiler,
  target: CompileTarget,
  records: readonly RecordData[],
  columns: readonly string[],
  primaryKey: string | undefined,
  fetch: boolean,
): Compiled {
  const values: unknown[] = [];
  // One mark per cell: `v` bound, `d` DEFAULT; part of the shape.
  let cells = '';
  for (const record of records) {
    for (const column of columns) {
      const value = record[column];
      if (isDefault(value, column, primaryKey)) {
        cells += 'd';
      } else {
        cells += 'v';
        values.push(target.codec.write(column, value));
      }
    }
  }
  const { dialect } = compiler;
  const returning = fetch && dialect.returning;
  const build = (): string => {
    const ph = new Placeholders((n) => dialect.placeholder(n));
    const rows: string[] = [];
    for (let r = 0; r < records.length; r += 1) {
      const row = columns.map((_, c) => (cells[r * columns.length + c] === 'v' ? ph.next() : 'DEFAULT'));
      rows.push(`(${row.join(', ')})`);
    }
    const list = columns.map((column) => dialect.quoteId(column)).join(', ');
    return `INSERT INTO ${dialect.quoteId(target.table)} (${list}) VALUES ${rows.join(', ')}${returning ? ' RETURNING *' : ''}`;
  };
  if (records.length > CACHED_ROWS) return { sql: build(), values };
  const key = `IM${keyName(target.table)}${keyNames(columns)}${records.length}|${cells}${returning ? 'R' : ''}`;
  return compiler.cached(key, values, build);
}
