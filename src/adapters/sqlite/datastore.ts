/**
 * One registered SQLite datastore: the database, its models' codecs, prepared statements
 * (cached by SQL text) and the synchronous execution helpers every operation uses.
 */
import type Database from 'better-sqlite3';
import type { RecordData } from '../../query/shapes.js';
import { footprintError, type RawAdapterError } from '../../errors/adapter-error.js';
import type { PhysicalModel, TableDefinition } from '../adapter.js';
import { tableCodec, type TableCodec } from '../sql/codec.js';
import type { Compiled } from '../sql/dialect.js';
import { sqlFailure } from '../sql/failure.js';
import { ShapeCache } from '../sql/shape-cache.js';
import type { StatementHook } from '../sql/statement-hook.js';
import { sqliteDialect } from './dialect.js';
import { Gate } from './gate.js';


export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export class SqliteDatastore {
  readonly name: string;
  readonly filename: string;
  readonly db: Database.Database;
  readonly gate: Gate;
  /** Table → its definition and primary key: from the models, updated by define/alter. */
  readonly #tables = new Map<string, { definition: TableDefinition; primaryKey: string | undefined }>();
  readonly #codecs = new Map<string, TableCodec>();
  readonly #introspected = new Map<string, string[]>();
  readonly #statements = new ShapeCache<Database.Statement>(1000);
  /** The datastore's `onStatement` hook; unset costs one `undefined` check per statement. */
  readonly #onStatement: StatementHook | undefined;

  constructor(name: string, filename: string, db: Database.Database, models: Record<string, PhysicalModel>, onStatement?: StatementHook) {
    this.name = name;
    this.filename = filename;
    this.db = db;
    this.gate = new Gate(name);
    this.#onStatement = onStatement;
    for (const model of Object.values(models)) this.describe(model.tableName, model.definition, model.primaryKey);
  }

  /** Records a table's definition (registration, `define`, `alter`): codecs and keys follow it. */
  describe(table: string, definition: TableDefinition, primaryKey?: string): void {
    const pk = primaryKey ?? Object.keys(definition).find((column) => definition[column]?.primaryKey);
    this.#tables.set(table, { definition, primaryKey: pk });
    this.#codecs.set(table, tableCodec(definition, sqliteDialect));
    this.#introspected.delete(table);
  }

  codec(table: string): TableCodec {
    let codec = this.#codecs.get(table);
    if (!codec) {
      codec = tableCodec(undefined, sqliteDialect);
      this.#codecs.set(table, codec);
    }
    return codec;
  }

  /** The table's primary key column, if known. */
  primaryKey(table: string): string | undefined {
    return this.#tables.get(table)?.primaryKey;
  }

  /** A column identifying rows for paged update/destroy: the primary key, else `rowid`. */
  rowKey(table: string): string {
    return this.primaryKey(table) ?? 'rowid';
  }

  /** Every column of `table`: from its definition, else from the database. */
  columns(table: string): readonly string[] {
    const known = this.#tables.get(table);
    if (known) return Object.keys(known.definition);
    let columns = this.#introspected.get(table);
    if (!columns) {
      columns = this.tableColumns(table);
      if (columns.length === 0) throw footprintError(`no such table: ${table}`, { identity: 'noSuchPhysicalModel' });
      this.#introspected.set(table, columns);
    }
    return columns;
  }

  /** Columns the database has for `table` (`[]` when absent). */
  tableColumns(table: string): string[] {
    const rows = this.all({ sql: 'SELECT name FROM pragma_table_info(?)', values: [table] });
    return rows.map((row) => String(row.name));
  }

  all(c: Compiled, table?: string): RecordData[] {
    this.#onStatement?.(c.sql);
    return this.#attempt(c.sql, table, () => this.#prepare(c.sql).raw(false).all(c.values) as RecordData[]);
  }

  get(c: Compiled, table?: string): RecordData | undefined {
    this.#onStatement?.(c.sql);
    return this.#attempt(c.sql, table, () => this.#prepare(c.sql).raw(false).get(c.values) as RecordData | undefined);
  }

  /** Rows as arrays, in select-list order. */
  rows(c: Compiled, table?: string): unknown[][] {
    this.#onStatement?.(c.sql);
    return this.#attempt(c.sql, table, () => this.#prepare(c.sql).raw(true).all(c.values) as unknown[][]);
  }

  run(c: Compiled, table?: string): RunResult {
    this.#onStatement?.(c.sql);
    return this.#attempt(c.sql, table, () => this.#prepare(c.sql).run(c.values));
  }

  /** Statements without parameters (DDL, BEGIN/COMMIT). */
  exec(sql: string, table?: string): void {
    this.#onStatement?.(sql);
    this.#attempt(sql, table, () => this.db.exec(sql));
  }

  /** Runs `work` in a transaction, or a savepoint when one is already open; all or nothing. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The cached prepared statement for `sql` (errors classified). */
  prepare(sql: string): Database.Statement {
    return this.#attempt(sql, undefined, () => this.#prepare(sql));
  }

  /** Reports a statement about to be sent by code that runs a prepared statement itself. */
  observe(sql: string): void {
    this.#onStatement?.(sql);
  }

  /** Runs driver work, classifying any error it throws. */
  attempt<T>(sql: string, work: () => T): T {
    return this.#attempt(sql, undefined, work);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  #prepare(sql: string): Database.Statement {
    return this.#statements.get(sql, () => this.db.prepare(sql));
  }

  #attempt<T>(sql: string, table: string | undefined, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if ((error as RawAdapterError | null)?.footprint) throw error;
      throw sqlFailure(sqliteDialect, error, sql, table);
    }
  }
}
