/**
 * The connection handed to `leaseConnection`/`transaction` callbacks (`meta.leasedConnection`).
 * Queries inside such a callback that forgot the connection still run on it (as on SQLite and
 * PostgreSQL): on another pooled connection they would miss the transaction's writes, escape
 * its rollback, could wait on its row locks, or starve a small pool.
 */
import type { PoolConnection } from 'mysql2/promise';
import { LeaseContext } from '../sql/lease-context.js';

export class MysqlConnection {
  readonly datastore: string;
  /** The pooled driver connection; only valid while `active`. */
  readonly raw: PoolConnection;
  /**
   * A transaction is open on it: begun by `transaction`, or natively (`BEGIN` through
   * `sendNativeQuery`, tracked from the server status). Atomic adapter work then uses savepoints.
   */
  inTransaction = false;
  #active = true;

  constructor(datastore: string, raw: PoolConnection) {
    this.datastore = datastore;
    this.raw = raw;
  }

  get active(): boolean {
    return this.#active;
  }

  /** @internal */
  end(): void {
    this.#active = false;
  }
}

const leases = new LeaseContext<MysqlConnection>();

/** Runs `during` as the lease of `connection`. */
export function runInside<T>(connection: MysqlConnection, during: () => Promise<T>): Promise<T> {
  return leases.run(connection, during);
}

/** The still-held lease of `datastore` whose callback the caller runs in. */
export function enclosingConnection(datastore: string): MysqlConnection | undefined {
  return leases.enclosing(datastore);
}

/** `SERVER_STATUS_IN_TRANS` in the status flags of an OK packet. */
const IN_TRANSACTION = 1;

export function inTransactionStatus(serverStatus: number | undefined): boolean {
  return serverStatus !== undefined && (serverStatus & IN_TRANSACTION) !== 0;
}
