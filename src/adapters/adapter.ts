/**
 * The adapter seam. Mooring's own adapters implement this promise-based interface; the
 * bridge in `adapters/waterline/` converts it to and from Waterline's callback API (v1), so
 * Mooring adapters run under Waterline and `sails-*` adapters run under Mooring.
 * Nothing above this interface knows a SQL dialect; nothing below it knows attribute names.
 */
import type { QueryMeta, RecordData, Stage3Query } from '../query/shapes.js';

/** One column in a `define` call: Waterline's `autoMigrations` plus `primaryKey`. */
export interface ColumnDefinition {
  columnType: string;
  unique?: boolean;
  autoIncrement?: boolean;
  primaryKey?: boolean;
}

/** Column name → definition, in column order. */
export type TableDefinition = Record<string, ColumnDefinition>;

/** A datastore's configuration as given to `initialize` (plus adapter defaults). */
export interface DatastoreConfig {
  adapter: string;
  /** Connection URL (`postgres://…`, `mysql://…`, `sqlite:…`). */
  url?: string;
  /**
   * Mooring's SQL adapters call this once per statement sent to the database, with its SQL
   * text (for logging, or for tests counting round trips). Unset, it costs nothing.
   */
  onStatement?: (sql: string) => void;
  [key: string]: unknown;
}

/** What `registerDatastore` learns about each model living in the datastore. */
export interface PhysicalModel {
  identity: string;
  tableName: string;
  /** Primary key column name. */
  primaryKey: string;
  definition: TableDefinition;
  /**
   * The same model as Waterline hands it to `registerDatastore` (pk attribute name and the
   * model's `schema` view); only third-party `sails-*` adapters read this.
   */
  waterline?: { identity: string; tableName: string; primaryKey: string; definition: Record<string, unknown> };
}

/** A connection handed out by `leaseConnection`/`transaction`; opaque above the adapter. */
export type Connection = object;

export interface Adapter {
  readonly identity: string;
  readonly defaults?: Readonly<Record<string, unknown>>;

  registerDatastore(config: DatastoreConfig & { identity: string }, models: Record<string, PhysicalModel>): Promise<void>;
  /** Closes one datastore (or all when `null`). */
  teardown(datastoreName: string | null): Promise<void>;

  create(datastoreName: string, query: Stage3Query): Promise<RecordData | undefined>;
  createEach(datastoreName: string, query: Stage3Query): Promise<RecordData[] | undefined>;
  find(datastoreName: string, query: Stage3Query): Promise<RecordData[]>;
  /** Optional: answer `query.joins` in the datastore (Waterline's `join` contract). */
  join?(datastoreName: string, query: Stage3Query): Promise<RecordData[]>;
  update(datastoreName: string, query: Stage3Query): Promise<RecordData[] | undefined>;
  destroy(datastoreName: string, query: Stage3Query): Promise<RecordData[] | undefined>;
  count(datastoreName: string, query: Stage3Query): Promise<number>;
  sum(datastoreName: string, query: Stage3Query): Promise<number>;
  avg(datastoreName: string, query: Stage3Query): Promise<number>;

  define(datastoreName: string, tableName: string, definition: TableDefinition, meta?: QueryMeta): Promise<void>;
  /** Must not fail when the table is absent. */
  drop(datastoreName: string, tableName: string, meta?: QueryMeta): Promise<void>;
  setSequence?(datastoreName: string, sequenceName: string, value: number, meta?: QueryMeta): Promise<void>;

  /**
   * Optional: Mooring's `alter` strategy done natively and atomically — create the table if
   * absent, otherwise rebuild it to `definition` keeping every existing row whose columns
   * still fit; on any failure nothing changes and the error says why.
   */
  alter?(datastoreName: string, tableName: string, definition: TableDefinition, meta?: QueryMeta): Promise<void>;

  /** Optional datastore features (Sails 1.x datastore API). */
  leaseConnection?<T>(datastoreName: string, during: (connection: Connection) => Promise<T>): Promise<T>;
  transaction?<T>(datastoreName: string, during: (connection: Connection) => Promise<T>): Promise<T>;
  sendNativeQuery?(datastoreName: string, sql: string, values: readonly unknown[], meta?: QueryMeta): Promise<unknown>;
}
