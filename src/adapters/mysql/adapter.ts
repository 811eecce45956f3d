/**
 * Mooring's MySQL/MariaDB adapter (mysql2). Statements run on the datastore's pool, or on the
 * leased connection a query carries (`meta.leasedConnection`) or whose callback it runs in.
 */
import type { QueryMeta } from '../../query/shapes.js';
import type { Adapter, Connection, DatastoreConfig, PhysicalModel } from '../adapter.js';
import { SqlCompiler } from '../sql/compiler.js';
import { DatastoreRegistry } from '../sql/datastore-registry.js';
import { checkConnection, createPool, mysqlSettings } from './config.js';
import * as crud from './crud.js';
import { MysqlDatastore } from './datastore.js';
import { mysqlDialect } from './dialect.js';
import * as migrate from './migrate.js';
import { sendNativeQuery, type MysqlNativeResult } from './native.js';
import { leaseConnection, transaction } from './transactions.js';

/** The `Adapter` with every optional feature present. */
export type MysqlAdapter = Omit<Adapter, 'identity' | 'sendNativeQuery'> &
  Required<Pick<Adapter, 'join' | 'alter' | 'setSequence' | 'leaseConnection' | 'transaction'>> & {
    readonly identity: 'mysql';
    /** Resolves to `{rows, fields}` for statements returning rows, else the driver's result; see `MysqlNativeResult`. */
    sendNativeQuery(datastoreName: string, sql: string, values: readonly unknown[], meta?: QueryMeta): Promise<MysqlNativeResult>;
  };

/**
 * Creates a MySQL/MariaDB adapter. Datastore config: `{adapter: 'mysql', url:
 * 'mysql://user:password@host:3306/database'}` or `host`/`port`/`user`/`password`/`database`,
 * plus mysql2 pool settings (`connectionLimit`, …) and `collation` for the tables it creates.
 */
export function createMysqlAdapter(): MysqlAdapter {
  const datastores = new DatastoreRegistry<MysqlDatastore>('MySQL');
  // One compiler per adapter: its shape cache holds SQL text only, valid for every datastore.
  const compiler = new SqlCompiler(mysqlDialect);

  const datastore = (name: string): MysqlDatastore => datastores.get(name);
  const leased = (d: MysqlDatastore, meta: QueryMeta | undefined) => d.lease(meta?.leasedConnection);

  return {
    identity: 'mysql',

    async registerDatastore(config: DatastoreConfig & { identity: string }, models: Record<string, PhysicalModel>) {
      datastores.claim(config.identity);
      const settings = mysqlSettings(config);
      const pool = createPool(config.identity, settings);
      await checkConnection(config.identity, settings, pool);
      datastores.add(config.identity, new MysqlDatastore(config.identity, pool, settings, models));
    },

    teardown: (name: string | null) => datastores.teardown(name),

    create: async (ds, q) => crud.create(datastore(ds), compiler, q),
    createEach: async (ds, q) => crud.createEach(datastore(ds), compiler, q),
    find: async (ds, q) => crud.find(datastore(ds), compiler, q),
    join: async (ds, q) => crud.join(datastore(ds), compiler, q),
    update: async (ds, q) => crud.update(datastore(ds), compiler, q),
    destroy: async (ds, q) => crud.destroy(datastore(ds), compiler, q),
    count: async (ds, q) => crud.aggregate(datastore(ds), compiler, q, 'count'),
    sum: async (ds, q) => crud.aggregate(datastore(ds), compiler, q, 'sum'),
    avg: async (ds, q) => crud.aggregate(datastore(ds), compiler, q, 'avg'),

    async define(ds, table, definition, meta) {
      const d = datastore(ds);
      await migrate.define(d, leased(d, meta), table, definition);
    },
    async drop(ds, table, meta) {
      const d = datastore(ds);
      await migrate.drop(d, leased(d, meta), table);
    },
    async alter(ds, table, definition, meta) {
      const d = datastore(ds);
      await migrate.alter(d, leased(d, meta), table, definition);
    },
    async setSequence(ds, name, value, meta) {
      const d = datastore(ds);
      await migrate.setSequence(d, leased(d, meta), name, value);
    },

    leaseConnection: async <T>(name: string, during: (connection: Connection) => Promise<T>): Promise<T> => leaseConnection(datastore(name), during),
    transaction: async <T>(name: string, during: (connection: Connection) => Promise<T>): Promise<T> => transaction(datastore(name), during),

    async sendNativeQuery(ds, sql, values, meta) {
      const d = datastore(ds);
      return sendNativeQuery(d, leased(d, meta), sql, values);
    },
  };
}
