/**
 * Leases, transactions and savepoints on one PostgreSQL datastore. A lease holds one pooled
 * client for its callback; nested transactions become savepoints on the held client.
 */
import type pg from 'pg';
import type { QueryMeta } from '../../query/shapes.js';
import type { Connection } from '../adapter.js';
import { enclosingConnection, inTransaction, PostgresqlConnection, runInside } from './connection.js';
import type { PostgresqlDatastore, Queryable } from './datastore.js';
import { postgresqlDialect } from './dialect.js';

async function exec(d: PostgresqlDatastore, client: pg.PoolClient, sql: string): Promise<void> {
  await d.send(client, { sql, values: [] });
}

/** Holds a fresh client for `during`, which runs as that lease; the client always goes back. */
export async function lease<T>(d: PostgresqlDatastore, during: (connection: PostgresqlConnection) => Promise<T>): Promise<T> {
  const client = await d.checkout();
  const connection = new PostgresqlConnection(d.name, client);
  let broken: Error | undefined;
  // A held client whose server goes away emits 'error'; unheard, that would crash the process.
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await runInside(connection, () => during(connection));
  } finally {
    connection.end();
    client.off('error', onError);
    client.release(broken ?? d.isBroken(client));
  }
}

/** `leaseConnection`: reuses the enclosing lease; refuses to leave a transaction open on a pooled client. */
export async function leaseConnection<T>(d: PostgresqlDatastore, during: (connection: Connection) => Promise<T>): Promise<T> {
  const enclosing = enclosingConnection(d.name);
  if (enclosing) return during(enclosing);
  return lease(d, async (connection) => {
    const result = await during(connection);
    if (inTransaction(connection)) {
      await exec(d, connection.client, 'ROLLBACK');
      throw new Error(`Datastore \`${d.name}\`: leaseConnection ended with a transaction still open; it was rolled back.`);
    }
    return result;
  });
}

/** `transaction`: BEGIN/COMMIT on a fresh lease, ROLLBACK when `during` throws; a savepoint when nested. */
export async function transaction<T>(d: PostgresqlDatastore, during: (connection: Connection) => Promise<T>): Promise<T> {
  const enclosing = enclosingConnection(d.name);
  if (enclosing) return atomicallyOn(d, enclosing, () => during(enclosing));
  return lease(d, (connection) => begun(d, connection, () => during(connection)));
}

/**
 * Runs `work` all-or-nothing on the client the query belongs to: inside its lease (a
 * savepoint if a transaction is open there), else in a transaction on a fresh client.
 */
export async function atomically<T>(d: PostgresqlDatastore, meta: QueryMeta | undefined, work: (on: Queryable) => Promise<T>): Promise<T> {
  const held = d.leaseOf(meta);
  if (held) return atomicallyOn(d, held, () => work(held.client));
  return lease(d, (connection) => begun(d, connection, () => work(connection.client)));
}

async function atomicallyOn<T>(d: PostgresqlDatastore, connection: PostgresqlConnection, work: () => Promise<T>): Promise<T> {
  return inTransaction(connection) ? savepoint(d, connection.client, work) : begun(d, connection, work);
}

async function begun<T>(d: PostgresqlDatastore, connection: PostgresqlConnection, work: () => Promise<T>): Promise<T> {
  const { client } = connection;
  await exec(d, client, 'BEGIN');
  connection.depth += 1;
  try {
    const result = await work();
    await exec(d, client, 'COMMIT');
    return result;
  } catch (error) {
    await rollback(d, client, 'ROLLBACK', error);
    throw error;
  } finally {
    connection.depth -= 1;
  }
}

let savepoints = 0;

async function savepoint<T>(d: PostgresqlDatastore, client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  const name = postgresqlDialect.quoteId(`mooring_savepoint_${(savepoints += 1)}`);
  await exec(d, client, `SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await rollback(d, client, `ROLLBACK TO SAVEPOINT ${name}`, error);
    throw error;
  }
  await exec(d, client, `RELEASE SAVEPOINT ${name}`);
  return result;
}

async function rollback(d: PostgresqlDatastore, client: pg.PoolClient, sql: string, original: unknown): Promise<void> {
  try {
    await exec(d, client, sql);
  } catch (failure) {
    throw new Error(
      `Datastore \`${d.name}\`: the transaction failed and could not be rolled back ` +
        `(${failure instanceof Error ? failure.message : String(failure)}).`,
      { cause: original },
    );
  }
}
