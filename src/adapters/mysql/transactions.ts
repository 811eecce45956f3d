/**
 * Leases, transactions and atomic groups of statements on pooled connections. A lease holds one
 * pooled connection while `during` runs; queries join it through `meta.leasedConnection`, or by
 * running inside `during`. Nested leases reuse it; nested transactions become savepoints on it.
 */
import type { PoolConnection } from 'mysql2/promise';
import { enclosingConnection, MysqlConnection, runInside } from './connection.js';
import type { MysqlDatastore } from './datastore.js';
import { mysqlDialect } from './dialect.js';
import { isFatal } from './errors.js';

const ER_LOCK_DEADLOCK = 1213;

/** Runs `during` on a connection of its own, always given back (or destroyed when broken). */
export async function withLease<T>(d: MysqlDatastore, during: (lease: MysqlConnection) => Promise<T>): Promise<T> {
  let raw: PoolConnection;
  try {
    raw = await d.pool.getConnection();
  } catch (error) {
    throw d.fail(error, undefined);
  }
  const lease = new MysqlConnection(d.name, raw);
  let broken = false;
  try {
    return await during(lease);
  } catch (error) {
    broken = isFatal(error) || isFatal((error as { cause?: unknown } | null)?.cause);
    throw error;
  } finally {
    lease.end();
    if (broken) raw.destroy();
    else raw.release();
  }
}

/** `leaseConnection`: reuses the enclosing lease; a transaction left open by `during` is rolled back and reported. */
export async function leaseConnection<T>(d: MysqlDatastore, during: (lease: MysqlConnection) => Promise<T>): Promise<T> {
  const enclosing = enclosingConnection(d.name);
  if (enclosing) return during(enclosing);
  return withLease(d, (lease) =>
    runInside(lease, async () => {
      let result: T;
      try {
        result = await during(lease);
      } catch (error) {
        if (lease.inTransaction) await rollback(d, lease, error);
        throw error;
      }
      if (lease.inTransaction) {
        // The connection goes back to the pool; an open transaction must not go with it.
        await d.text(lease.raw, 'ROLLBACK');
        throw new Error(`Datastore \`${d.name}\`: leaseConnection ended with a transaction still open; it was rolled back.`);
      }
      return result;
    }),
  );
}

/** `transaction`: BEGIN, `during`, COMMIT on a fresh lease (ROLLBACK when it throws); a savepoint when nested. */
export async function transaction<T>(d: MysqlDatastore, during: (lease: MysqlConnection) => Promise<T>): Promise<T> {
  const enclosing = enclosingConnection(d.name);
  if (enclosing) return atomically(d, enclosing, () => during(enclosing));
  return withLease(d, (lease) => runInside(lease, () => begun(d, lease, () => during(lease))));
}

let savepoints = 0;

/**
 * Runs `work` all or nothing: in a new transaction on a pooled connection, or on the lease —
 * in a savepoint when a transaction is already open there, else in a transaction of its own.
 * Internal work gets its connection explicitly, so it needs no `runInside`.
 */
export async function atomically<T>(d: MysqlDatastore, lease: MysqlConnection | undefined, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  if (!lease) return withLease(d, (own) => begun(d, own, () => work(own.raw)));
  if (!lease.inTransaction) return begun(d, lease, () => work(lease.raw));
  const name = mysqlDialect.quoteId(`mooring_savepoint_${(savepoints += 1)}`);
  await d.text(lease.raw, `SAVEPOINT ${name}`);
  try {
    const result = await work(lease.raw);
    await d.text(lease.raw, `RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    // A deadlock already rolled back the whole transaction, savepoint included.
    if (errnoOf(error) === ER_LOCK_DEADLOCK) lease.inTransaction = false;
    else await d.text(lease.raw, `ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
    throw error;
  }
}

/** START TRANSACTION, `work`, COMMIT on `lease`; ROLLBACK when `work` (or COMMIT) throws. */
async function begun<T>(d: MysqlDatastore, lease: MysqlConnection, work: () => Promise<T>): Promise<T> {
  await d.text(lease.raw, 'START TRANSACTION');
  lease.inTransaction = true;
  try {
    const result = await work();
    // `work` may have ended the transaction itself (a native COMMIT).
    if (lease.inTransaction) await d.text(lease.raw, 'COMMIT');
    lease.inTransaction = false;
    return result;
  } catch (error) {
    await rollback(d, lease, error);
    throw error;
  }
}

/** Runs `work` on one connection: the lease's, else a pooled one held for the duration. */
export function withConnection<T>(d: MysqlDatastore, lease: MysqlConnection | undefined, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  return lease ? work(lease.raw) : withLease(d, (own) => work(own.raw));
}

async function rollback(d: MysqlDatastore, lease: MysqlConnection, original: unknown): Promise<void> {
  lease.inTransaction = false;
  try {
    await d.text(lease.raw, 'ROLLBACK');
  } catch (failure) {
    // A lost connection needs no rollback: the server discards the transaction.
    if (isFatal(original) || isFatal((original as { cause?: unknown } | null)?.cause)) return;
    throw new Error(
      `Datastore \`${d.name}\`: the transaction failed and could not be rolled back (${failure instanceof Error ? failure.message : String(failure)}).`,
      { cause: original },
    );
  }
}

function errnoOf(error: unknown): unknown {
  const cause = (error as { cause?: { errno?: unknown } } | null)?.cause;
  return cause?.errno ?? (error as { errno?: unknown } | null)?.errno;
}
