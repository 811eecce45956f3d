/**
 * One registered MySQL/MariaDB datastore: the pool, its tables' codecs and keys, and the
 * async statement helpers every operation uses. Data statements go through `execute`
 * (server-side prepared statements, cached per connection by SQL text); DDL and transaction
 * control through `query`.
 */
import type { FieldPacket, Pool, PoolConnection, QueryResult, ResultSetHeader } from 'mysql2/promise';
import { footprintError, type RawAdapterError } from '../../errors/adapter-error.js';
import type { RecordData } from '../../query/shapes.js';
import type { PhysicalModel, TableDefinition } from '../adapter.js';
import { tableCodec, type TableCodec } from '../sql/codec.js';
import type { Compiled, Dialect } from '../sql/dialect.js';
import { sqlFailure } from '../sql/failure.js';
import type { MysqlSettings } from './config.js';
import { enclosingConnection, MysqlConnection } from './connection.js';
import { dialectWithCollation, mysqlDialect } from './dialect.js';
import { isConnectionFailure, PRIMARY_KEY_INDEX, reasonOf } from './errors.js';

/** Where statements run: a leased connection, or whichever pooled one is free. */
export type Runner = Pool | PoolConnection;

/** Prepared statements take at most 65,535 parameters; longer lists are escaped by the driver instead. */
const MAX_PARAMETERS = 65_535;

interface Table {
  definition: TableDefinition;
  primaryKey: string | undefined;
}

export class MysqlDatastore {
  readonly name: string;
  readonly pool: Pool;
  readonly settings: MysqlSettings;
  /** `mysqlDialect` with this datastore's table collation, for DDL. */
  readonly ddl: Dialect;
  readonly #tables = new Map<string, Table>();
  readonly #codecs = new Map<string, TableCodec>();
  readonly #introspected = new Map<string, string[]>();

  constructor(name: string, pool: Pool, settings: MysqlSettings, models: Record<string, PhysicalModel>) {
    this.name = name;
    this.pool = pool;
    this.settings = settings;
    this.ddl = dialectWithCollation(settings.collation);
    for (const model of Object.values(models)) this.describe(model.tableName, model.definition, model.primaryKey);
  }

  /** Records a table's definition (registration, `define`, `alter`): codecs and keys follow it. */
  describe(table: string, definition: TableDefinition, primaryKey?: string): void {
    const pk = primaryKey ?? Object.keys(definition).find((column) => definition[column]?.primaryKey);
    this.#tables.set(table, { definition, primaryKey: pk });
    this.#codecs.set(table, tableCodec(definition, mysqlDialect));
    this.#introspected.delete(table);
  }

  /** Forgets what was read from the database about `table` (after drop). */
  forget(table: string): void {
    this.#introspected.delete(table);
  }

  definition(table: string): TableDefinition | undefined {
    return this.#tables.get(table)?.definition;
  }

  /** Known tables and their primary keys. */
  tables(): [string, string | undefined][] {
    return [...this.#tables].map(([table, t]) => [table, t.primaryKey]);
  }

  codec(table: string): TableCodec {
    let codec = this.#codecs.get(table);
    if (!codec) {
      codec = tableCodec(undefined, mysqlDialect);
      this.#codecs.set(table, codec);
    }
    return codec;
  }

  primaryKey(table: string): string | undefined {
    return this.#tables.get(table)?.primaryKey;
  }

  /** The primary key, needed to read rows back (there is no RETURNING) and to page writes. */
  requirePrimaryKey(table: string): string {
    const pk = this.primaryKey(table);
    if (pk === undefined) {
      throw new Error(`MySQL adapter: datastore \`${this.name}\` does not know the primary key of table \`${table}\`; register it as a model.`);
    }
    return pk;
  }

  /** Every column of `table`: from its definition, else as read by `loadColumns`. */
  columns(table: string): readonly string[] {
    const known = this.#tables.get(table);
    if (known) return Object.keys(known.definition);
    const read = this.#introspected.get(table);
    if (!read) throw footprintError(`Table '${table}' doesn't exist`, { identity: 'noSuchPhysicalModel' });
    return read;
  }

  /** Reads the columns of tables that have no definition, so `columns` can answer synchronously. */
  async loadColumns(runner: Runner, tables: readonly string[]): Promise<void> {
    for (const table of new Set(tables)) {
      if (this.#tables.has(table) || this.#introspected.has(table)) continue;
      const columns = await this.tableColumns(runner, table);
      if (columns.length > 0) this.#introspected.set(table, columns);
    }
  }

  /** Columns the database has for `table`, in order (`[]` when absent). */
  async tableColumns(runner: Runner, table: string): Promise<string[]> {
    const sql =
      'SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION';
    const rows = await this.rows(runner, { sql, values: [table] });
    return rows.map((row) => String(row[0]));
  }

  /** Rows as arrays, in select-list order. */
  async rows(runner: Runner, c: Compiled, table?: string): Promise<unknown[][]> {
    return (await this.#send(runner, c, true, table)) as unknown[][];
  }

  async all(runner: Runner, c: Compiled, table?: string): Promise<RecordData[]> {
    return (await this.#send(runner, c, false, table)) as RecordData[];
  }

  async run(runner: Runner, c: Compiled, table?: string): Promise<ResultSetHeader> {
    return (await this.#send(runner, c, false, table)) as ResultSetHeader;
  }

  /** A statement through the text protocol (DDL, transaction control, native queries). */
  async text(runner: Runner, sql: string, table?: string, values?: unknown): Promise<[QueryResult, FieldPacket[] | undefined]> {
    this.settings.onStatement?.(sql);
    try {
      return await runner.query(sql, values as never);
    } catch (error) {
      throw this.fail(error, sql, table);
    }
  }

  /** Rows as arrays through the text protocol (SHOW, session variables). */
  async textRows(runner: Runner, sql: string, table?: string): Promise<unknown[][]> {
    this.settings.onStatement?.(sql);
    try {
      const [rows] = await runner.query({ sql, rowsAsArray: true });
      return rows as unknown[][];
    } catch (error) {
      throw this.fail(error, sql, table);
    }
  }

  /**
   * The lease a query runs on: the one it carries in `meta.leasedConnection` (checked), else
   * the one whose callback it runs in; `undefined` = use the pool.
   */
  lease(leased: unknown): MysqlConnection | undefined {
    if (leased === undefined || leased === null) return enclosingConnection(this.name);
    if (!(leased instanceof MysqlConnection) || leased.datastore !== this.name) {
      throw new Error(`Datastore \`${this.name}\`: \`meta.leasedConnection\` is not a connection of this datastore.`);
    }
    if (!leased.active) {
      throw new Error(`Datastore \`${this.name}\`: the leased connection was already released (its transaction/leaseConnection ended).`);
    }
    return leased;
  }

  runner(lease: MysqlConnection | undefined): Runner {
    return lease?.raw ?? this.pool;
  }

  /** Classifies a driver error: footprint, driver error as `cause`, the SQL kept; unreachable servers named. */
  fail(error: unknown, sql: string | undefined, table?: string): Error {
    if ((error as RawAdapterError | null)?.footprint) return error as Error;
    if (isConnectionFailure(error)) {
      const failure = footprintError(
        `Datastore \`${this.name}\` cannot reach the MySQL server at ${this.settings.address} (${reasonOf(error)}). ` +
          'Check that the server is running and reachable from here.',
        { identity: 'catchall' },
        error,
      );
      return sql === undefined ? failure : Object.assign(failure, { sql });
    }
    const failure = sqlFailure(mysqlDialect, error, sql, table);
    const footprint = failure.footprint;
    if (footprint?.identity === 'notUnique' && 'keys' in footprint && table !== undefined) {
      const pk = this.primaryKey(table);
      footprint.keys = footprint.keys.map((key) => (key === PRIMARY_KEY_INDEX && pk !== undefined ? pk : key));
    }
    return failure;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async #send(runner: Runner, c: Compiled, rowsAsArray: boolean, table: string | undefined): Promise<QueryResult> {
    const options = { sql: c.sql, rowsAsArray };
    this.settings.onStatement?.(c.sql);
    try {
      const [result] =
        c.values.length > MAX_PARAMETERS ? await runner.query(options, c.values as never) : await runner.execute(options, c.values as never);
      return result;
    } catch (error) {
      throw this.fail(error, c.sql, table);
    }
  }
}
