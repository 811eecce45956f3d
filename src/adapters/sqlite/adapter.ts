/**
 * Mooring's SQLite adapter (better-sqlite3). Every operation is synchronous SQL run through
 * the datastore's gate, so nothing interleaves with an open transaction or lease.
 */
import type { QueryMeta } from '../../query/shapes.js';
import type { Adapter, Connection, DatastoreConfig, PhysicalModel } from '../adapter.js';
import { SqlCompiler } from '../sql/compiler.js';
import { DatastoreRegistry } from '../sql/datastore-registry.js';
import { openDatabase, sqliteFilename } from './config.js';
import { statementHook } from '../sql/statement-hook.js';
import * as crud from './crud.js';
import { SqliteDatastore } from './datastore.js';
import { sqliteDialect } from './dialect.js';
import { SqliteConnection } from './gate.js';
import * as migrate from './migrate.js';
import { sendNativeQuery, type SqliteNativeResult } from './native.js';

/** The `Adapter` with every optional feature present. */
export type SqliteAdapter = Omit<Adapter, 'identity' | 'sendNativeQuery'> &
  Required<Pick<Adapter, 'join' | 'alter' | 'setSequence' | 'leaseConnection' | 'transaction'>> & {
    readonly identity: 'sqlite';
    /** Resolves to `{rows, changes, lastInsertRowid}`; see `SqliteNativeResult`. */
    sendNativeQuery(datastoreName: string, sql: string, values: readonly unknown[], meta?: QueryMeta): Promise<SqliteNativeResult>;
  };

/**
 * Creates a SQLite adapter. Datastore config: `{adapter: 'sqlite', filename?: string}`
 * (default `./mooring.sqlite`, `':memory:'` allowed) or `url: 'sqlite:<path>' | 'sqlite::memory:'`;
 * optional `onStatement: (sql) => void`, called once per statement sent to the database.
 */
export function createSqliteAdapter(): SqliteAdapter {
  const datastores = new DatastoreRegistry<SqliteDatastore>('SQLite');
  // One compiler per adapter: its shape cache holds SQL text only, valid for every datastore.
  const compiler = new SqlCompiler(sqliteDialect);

  const datastore = (name: string): SqliteDatastore => datastores.get(name);
  /** Runs synchronous work on a datastore once the gate lets this caller in. */
  const use = async <T>(name: string, meta: QueryMeta | undefined, work: (d: SqliteDatastore) => T): Promise<T> => {
    const d = datastore(name);
    return d.gate.use(meta?.leasedConnection, () => work(d));
  };

  return {
    identity: 'sqlite',

    async registerDatastore(config: DatastoreConfig & { identity: string }, models: Record<string, PhysicalModel>) {
      datastores.claim(config.identity);
      const filename = sqliteFilename(config);
      const onStatement = statementHook(config);
      datastores.add(config.identity, new SqliteDatastore(config.identity, filename, openDatabase(config.identity, filename), models, onStatement));
    },

    teardown: (name: string | null) => datastores.teardown(name),

    create: (ds, q) => use(ds, q.meta, (d) => crud.create(d, compiler, q)),
    createEach: (ds, q) => use(ds, q.meta, (d) => crud.createEach(d, compiler, q)),
    find: (ds, q) => use(ds, q.meta, (d) => crud.find(d, compiler, q)),
    join: (ds, q) => use(ds, q.meta, (d) => crud.join(d, compiler, q)),
    update: (ds, q) => use(ds, q.meta, (d) => crud.update(d, compiler, q)),
    destroy: (ds, q) => use(ds, q.meta, (d) => crud.destroy(d, compiler, q)),
    count: (ds, q) => use(ds, q.meta, (d) => crud.aggregate(d, compiler, q, 'count')),
    sum: (ds, q) => use(ds, q.meta, (d) => crud.aggregate(d, compiler, q, 'sum')),
    avg: (ds, q) => use(ds, q.meta, (d) => crud.aggregate(d, compiler, q, 'avg')),

    define: (ds, table, definition, meta) => use(ds, meta, (d) => migrate.define(d, table, definition)),
    drop: (ds, table, meta) => use(ds, meta, (d) => migrate.drop(d, table)),
    alter: (ds, table, definition, meta) => use(ds, meta, (d) => migrate.alter(d, table, definition)),
    setSequence: (ds, name, value, meta) => use(ds, meta, (d) => migrate.setSequence(d, name, value)),

    async leaseConnection<T>(name: string, during: (connection: Connection) => Promise<T>): Promise<T> {
      const d = datastore(name);
      // Nested in a lease/transaction: the one connection is already ours.
      const enclosing = d.gate.enclosing();
      if (enclosing) return during(enclosing);
      const connection = new SqliteConnection(name);
      return d.gate.hold(connection, async () => {
        const result = await during(connection);
        if (d.db.inTransaction) {
          // A transaction begun through the lease must not outlive it and swallow other queries.
          d.exec('ROLLBACK');
          throw new Error(`Datastore \`${name}\`: leaseConnection ended with a transaction still open; it was rolled back.`);
        }
        return result;
      });
    },

    async transaction<T>(name: string, during: (connection: Connection) => Promise<T>): Promise<T> {
      const d = datastore(name);
      // Nested in a lease/transaction: a savepoint gives the inner work its all-or-nothing.
      const enclosing = d.gate.enclosing();
      if (enclosing) return savepoint(d, enclosing, during);
      const connection = new SqliteConnection(name);
      return d.gate.hold(connection, async () => {
        // IMMEDIATE takes the write lock now, so another process can't make COMMIT fail later.
        d.exec('BEGIN IMMEDIATE');
        let result: T;
        try {
          result = await during(connection);
          if (d.db.inTransaction) d.exec('COMMIT');
        } catch (error) {
          rollback(d, error);
          throw error;
        }
        return result;
      });
    },

    sendNativeQuery: (ds, sql, values, meta) => use(ds, meta, (d) => sendNativeQuery(d, sql, values)),
  };
}

let savepoints = 0;

async function savepoint<T>(d: SqliteDatastore, connection: SqliteConnection, during: (connection: Connection) => Promise<T>): Promise<T> {
  const name = sqliteDialect.quoteId(`mooring_savepoint_${(savepoints += 1)}`);
  d.exec(`SAVEPOINT ${name}`);
  try {
    const result = await during(connection);
    d.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    d.exec(`ROLLBACK TO ${name}`);
    d.exec(`RELEASE ${name}`);
    throw error;
  }
}

function rollback(d: SqliteDatastore, original: unknown): void {
  if (!d.db.inTransaction) return;
  try {
    d.exec('ROLLBACK');
  } catch (failure) {
    throw new Error(
      `Datastore \`${d.name}\`: the transaction failed and could not be rolled back ` +
        `(${failure instanceof Error ? failure.message : String(failure)}).`,
      { cause: original },
    );
  }
}
