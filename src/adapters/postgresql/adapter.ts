/**
 * Mooring's PostgreSQL adapter (pg). Statements run on the pool, or on the client of the lease
 * a query carries (`meta.leasedConnection`) or runs inside; SQL comes from the shared compiler.
 */
import pg from 'pg';
import type { QueryMeta } from '../../query/shapes.js';
import type { Adapter, DatastoreConfig, PhysicalModel } from '../adapter.js';
import { SqlCompiler } from '../sql/compiler.js';
import { DatastoreRegistry } from '../sql/datastore-registry.js';
import { checkConnectivity, poolSettings, preparedStatements } from './config.js';
import { statementHook } from '../sql/statement-hook.js';
import * as crud from './crud.js';
import { PostgresqlDatastore } from './datastore.js';
import { postgresqlDialect } from './dialect.js';
import * as migrate from './migrate.js';
import { sendNativeQuery, type PostgresqlNativeResult } from './native.js';
import { setSequence } from './sequences.js';
import { leaseConnection, transaction } from './transactions.js';

/** The `Adapter` with every optional feature present. */
export type PostgresqlAdapter = Omit<Adapter, 'identity' | 'sendNativeQuery'> &
  Required<Pick<Adapter, 'join' | 'alter' | 'setSequence' | 'leaseConnection' | 'transaction'>> & {
    readonly identity: 'postgresql';
    /** Resolves to pg's `{command, rowCount, oid, rows, fields}`; see `PostgresqlNativeResult`. */
    sendNativeQuery(datastoreName: string, sql: string, values: readonly unknown[], meta?: QueryMeta): Promise<PostgresqlNativeResult>;
  };

/**
 * Creates a PostgreSQL adapter. Datastore config: `{adapter: 'postgresql', url:
 * 'postgres://user:password@host:5432/database'}` or `host`/`port`/`user`/`password`/
 * `database`; pool settings `max`, `idleTimeoutMillis`, `connectionTimeoutMillis`, and `ssl`;
 * optional `onStatement: (sql) => void`, called once per statement sent to the database;
 * `preparedStatements: false` sends every statement unnamed (see `config.ts`).
 */
export function createPostgresqlAdapter(): PostgresqlAdapter {
  const datastores = new DatastoreRegistry<PostgresqlDatastore>('PostgreSQL');
  // One compiler per adapter: its shape cache holds SQL text only, valid for every datastore.
  const compiler = new SqlCompiler(postgresqlDialect);

  const datastore = (name: string): PostgresqlDatastore => datastores.get(name);

  return {
    identity: 'postgresql',

    async registerDatastore(config: DatastoreConfig & { identity: string }, models: Record<string, PhysicalModel>) {
      datastores.claim(config.identity);
      const settings = poolSettings(config);
      const onStatement = statementHook(config);
      const prepared = preparedStatements(config);
      await checkConnectivity(settings, config.identity);
      const pool = new pg.Pool(settings.pool);
      // An idle client whose server goes away is dropped by the pool; unheard, the event would crash the process.
      pool.on('error', () => undefined);
      datastores.add(config.identity, new PostgresqlDatastore(config.identity, settings.server, pool, models, { onStatement, preparedStatements: prepared }));
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

    define: async (ds, table, definition, meta) => migrate.define(datastore(ds), table, definition, meta),
    drop: async (ds, table, meta) => migrate.drop(datastore(ds), table, meta),
    alter: async (ds, table, definition, meta) => migrate.alter(datastore(ds), table, definition, meta),
    setSequence: async (ds, name, value, meta) => setSequence(datastore(ds), name, value, meta),

    leaseConnection: async (ds, during) => leaseConnection(datastore(ds), during),
    transaction: async (ds, during) => transaction(datastore(ds), during),
    sendNativeQuery: async (ds, sql, values, meta) => sendNativeQuery(datastore(ds), sql, values, meta),
  };
}
