/** The connection handed to `leaseConnection`/`transaction` callbacks (`meta.leasedConnection`). */
import type { PoolConnection } from 'mysql2/promise';

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

/** `SERVER_STATUS_IN_TRANS` in the status flags of an OK packet. */
const IN_TRANSACTION = 1;

export function inTransactionStatus(serverStatus: number | undefined): boolean {
  return serverStatus !== undefined && (serverStatus & IN_TRANSACTION) !== 0;
}
