/**
 * One registered PostgreSQL datastore: its pool, its tables' codecs and keys, and the async
 * helpers every operation uses to run a statement on the right client with errors classified.
 */
import pg from 'pg';
import { footprintError, type RawAdapterError } from '../../errors/adapter-error.js';
import type { QueryMeta, RecordData } from '../../query/shapes.js';
import type { PhysicalModel, TableDefinition } from '../adapter.js';
import { tableCodec, type TableCodec } from '../sql/codec.js';
import type { Compiled } from '../sql/dialect.js';
import { sqlFailure, type SqlAdapterError } from '../sql/failure.js';
import { enclosingConnection, leasedConnection, type PostgresqlConnection } from './connection.js';
import { postgresqlDialect } from './dialect.js';
import { isConnectionFailure, reasonOf } from './errors.js';
import { isStalePlan, retryableOn, StatementNames } from './prepared.js';

/** Something statements can run on: the pool (any free client) or one held client. */
export type Queryable = pg.Pool | pg.PoolClient;

export interface DatastoreOptions {
  readonly onStatement?: ((sql: string) => void) | undefined;
  /** Send the compiler's cached statements named, so each connection prepares them once (default true). */
  readonly preparedStatements?: boolean;
}

interface KnownTable {
  readonly definition: TableDefinition;
  readonly primaryKey: string | undefined;
  /** Columns with a sequence behind them (identity / serial). */
  readonly autoIncrement: readonly string[];
}

/**
 * pg returns BIGINT (`_numbertimestamp`, COUNT) as text; model queries want numbers. Values
 * beyond 2^53 stay text rather than silently losing digits. Native queries keep pg's defaults.
 */
function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}
const INT8 = pg.types.builtins.INT8;
/** pg-pool's error both for a connect that timed out and for a wait for a free client that did. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect/;
const ORM_TYPES: pg.CustomTypesConfig = {
  getTypeParser: (id, format) => (id === INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(id, format)),
};

export class PostgresqlDatastore {
  readonly name: string;
  /** `host:port`, for messages. */
  readonly server: string;
  readonly pool: pg.Pool;
  readonly #tables = new Map<string, KnownTable>();
  readonly #codecs = new Map<string, TableCodec>();
  readonly #introspected = new Map<string, string[]>();
  /** The datastore's `onStatement` hook; unset costs one `undefined` check per statement. */
  readonly #onStatement: ((sql: string) => void) | undefined;
  /** Held clients whose connection failed: a lease must destroy them, not return them to the pool. */
  readonly #broken = new WeakSet<pg.PoolClient>();
  readonly #names: StatementNames;

  constructor(name: string, server: string, pool: pg.Pool, models: Record<string, PhysicalModel>, options: DatastoreOptions = {}) {
    this.name = name;
    this.server = server;
    this.pool = pool;
    this.#onStatement = options.onStatement;
    this.#names = new StatementNames(options.preparedStatements ?? true);
    for (const model of Object.values(models)) this.describe(model.tableName, model.definition, model.primaryKey);
  }

  /** Records a table's definition (registration, `define`, `alter`): codecs and keys follow it. */
  describe(table: string, definition: TableDefinition, primaryKey?: string): void {
    const columns = Object.keys(definition);
    const pk = primaryKey ?? columns.find((column) => definition[column]?.primaryKey);
    this.#tables.set(table, { definition, primaryKey: pk, autoIncrement: columns.filter((c) => definition[c]?.autoIncrement) });
    this.#codecs.set(table, tableCodec(definition, postgresqlDialect));
    this.#introspected.delete(table);
    this.schemaChanged();
  }

  /** Mooring ran DDL (or a table changed underneath): statements prepared before must not be reused. */
  schemaChanged(): void {
    this.#names.renew();
  }

  codec(table: string): TableCodec {
    let codec = this.#codecs.get(table);
    if (!codec) {
      codec = tableCodec(undefined, postgresqlDialect);
      this.#codecs.set(table, codec);
    }
    return codec;
  }

  primaryKey(table: string): string | undefined {
    return this.#tables.get(table)?.primaryKey;
  }

  /** A column identifying rows for paged update/destroy: the primary key, else the physical row id. */
  rowKey(table: string): string {
    return this.primaryKey(table) ?? 'ctid';
  }

  autoIncrement(table: string): readonly string[] {
    return this.#tables.get(table)?.autoIncrement ?? [];
  }

  /** Tables with a known definition. */
  knownTables(): string[] {
    return [...this.#tables.keys()];
  }

  /** Every column of `table`; tables without a definition must have been through `ensureColumns`. */
  columns(table: string): readonly string[] {
    const known = this.#tables.get(table);
    if (known) return Object.keys(known.definition);
    const columns = this.#introspected.get(table);
    if (!columns) throw footprintError(`relation "${table}" does not exist`, { identity: 'noSuchPhysicalModel' });
    return columns;
  }

  /** Can `columns` answer for `table` without a round trip? */
  knowsColumns(table: string): boolean {
    return this.#tables.has(table) || this.#introspected.has(table);
  }

  /** Reads the column lists of tables without a definition, so `columns` can answer synchronously. */
  async ensureColumns(tables: readonly string[], meta: QueryMeta | undefined): Promise<void> {
    for (const table of tables) {
      if (this.knowsColumns(table)) continue;
      const sql = 'SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum';
      const rows = await this.rows({ sql, values: [postgresqlDialect.quoteId(table)] }, meta);
      if (rows.length > 0) this.#introspected.set(table, rows.map((row) => String(row[0])));
    }
  }

  /** The lease a query runs on: the one it carries, else the one whose callback it runs in. */
  leaseOf(meta: QueryMeta | undefined): PostgresqlConnection | undefined {
    const leased = meta?.leasedConnection;
    if (leased !== undefined && leased !== null) return leasedConnection(this.name, leased);
    return enclosingConnection(this.name);
  }

  on(meta: QueryMeta | undefined): Queryable {
    return this.leaseOf(meta)?.client ?? this.pool;
  }

  /** Rows as records. */
  async records(c: Compiled, meta: QueryMeta | undefined, table?: string): Promise<RecordData[]> {
    return (await this.send(this.on(meta), c, table)).rows;
  }

  /** Rows as arrays, in select-list order. */
  async rows(c: Compiled, meta: QueryMeta | undefined, table?: string): Promise<unknown[][]> {
    return this.sendArrays(this.on(meta), c, table);
  }

  async send(on: Queryable, c: Compiled, table?: string): Promise<pg.QueryResult<RecordData>> {
    return this.#query(on, c, table, (name) => on.query<RecordData>({ name, text: c.sql, values: c.values, types: ORM_TYPES }));
  }

  async sendArrays(on: Queryable, c: Compiled, table?: string): Promise<unknown[][]> {
    const run = (name: string | undefined) => on.query<unknown[]>({ name, text: c.sql, values: c.values, types: ORM_TYPES, rowMode: 'array' });
    return (await this.#query(on, c, table, run)).rows;
  }

  /** Runs `c` named when it may be; a named one whose plan went stale runs once more unnamed. */
  async #query<T>(on: Queryable, c: Compiled, table: string | undefined, run: (name: string | undefined) => Promise<T>): Promise<T> {
    this.#onStatement?.(c.sql);
    const name = this.#names.nameOf(c);
    try {
      return await run(name);
    } catch (error) {
      if (name === undefined || !isStalePlan(error)) throw this.#failed(on, error, c.sql, table);
      this.schemaChanged();
      // Inside a transaction the failure has aborted it: nothing can be retried there.
      if (on !== this.pool && !retryableOn(on as pg.PoolClient)) throw this.#failed(on, error, c.sql, table);
    }
    try {
      return await run(undefined);
    } catch (error) {
      throw this.#failed(on, error, c.sql, table);
    }
  }

  /** Any SQL with pg's own value handling and type parsing (Sails' `sendNativeQuery`). */
  async native(sql: string, values: readonly unknown[], meta: QueryMeta | undefined): Promise<pg.QueryResult | pg.QueryResult[]> {
    const on = this.on(meta);
    this.#onStatement?.(sql);
    try {
      // Without values pg uses the simple protocol, which also runs several statements.
      return values.length === 0 ? await on.query(sql) : await on.query(sql, [...values]);
    } catch (error) {
      throw this.#failed(on, error, sql);
    }
  }

  /** Did a statement on this held client fail because its connection is gone? */
  isBroken(client: pg.PoolClient): boolean {
    return this.#broken.has(client);
  }

  #failed(on: Queryable, error: unknown, sql: string, table?: string): SqlAdapterError {
    // The pool checks a returned client's health only once the socket's end is processed, which may be later.
    if (on !== this.pool && isConnectionFailure(error)) this.#broken.add(on as pg.PoolClient);
    return this.failure(error, sql, table);
  }

  /** A driver error as the adapter reports it; a lost or unreachable server says so. */
  failure(error: unknown, sql: string | undefined, table?: string): SqlAdapterError {
    if ((error as RawAdapterError | null)?.footprint) return error as SqlAdapterError;
    if (!isConnectionFailure(error)) return sqlFailure(postgresqlDialect, error, sql, table);
    const { max, connectionTimeoutMillis } = this.pool.options;
    if (POOL_TIMEOUT.test(reasonOf(error)) && this.pool.totalCount >= max) {
      return footprintError(
        `Datastore \`${this.name}\`: all ${max} pooled connections stayed busy for ${String(connectionTimeoutMillis)} ms ` +
          '(`connectionTimeoutMillis`); raise `max`, or keep transactions and leases shorter.',
        { identity: 'catchall' },
        error,
      );
    }
    const failure: SqlAdapterError = footprintError(
      `Datastore \`${this.name}\` cannot reach its PostgreSQL server at ${this.server} (${reasonOf(error)}). ` +
        'Check that the server is running and reachable from here; a write in flight may or may not have been applied.',
      { identity: 'catchall' },
      error,
    );
    if (sql !== undefined) failure.sql = sql;
    return failure;
  }

  /** Checks a client out of the pool, with connection errors classified. */
  async checkout(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw this.failure(error, undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ending) await this.pool.end();
  }
}
