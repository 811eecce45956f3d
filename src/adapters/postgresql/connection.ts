/**
 * Leased connections: one pooled pg client held for a `leaseConnection`/`transaction` callback.
 * Queries inside that callback that forgot `.usingConnection(db)` still run on the held client
 * (as on SQLite): on another pooled client they would miss the transaction's writes, could
 * wait forever on its row locks, or starve a small pool.
 */
import type pg from 'pg';
import { LeaseContext } from '../sql/lease-context.js';

/** The opaque connection handed to `during`; valid only while its lease is held. */
export class PostgresqlConnection {
  readonly datastore: string;
  readonly client: pg.PoolClient;
  /** Transactions begun through Mooring on this client (used when the driver hides its status). */
  depth = 0;
  #active = true;

  constructor(datastore: string, client: pg.PoolClient) {
    this.datastore = datastore;
    this.client = client;
  }

  get active(): boolean {
    return this.#active;
  }

  /** @internal */
  end(): void {
    this.#active = false;
  }
}

const leases = new LeaseContext<PostgresqlConnection>();

/** Runs `during` as the lease of `connection`. */
export function runInside<T>(connection: PostgresqlConnection, during: () => Promise<T>): Promise<T> {
  return leases.run(connection, during);
}

/** The still-held lease of `datastore` whose callback the caller runs in. */
export function enclosingConnection(datastore: string): PostgresqlConnection | undefined {
  return leases.enclosing(datastore);
}

/** Checks `meta.leasedConnection`, with messages that say what went wrong. */
export function leasedConnection(datastore: string, leased: unknown): PostgresqlConnection {
  if (!(leased instanceof PostgresqlConnection) || leased.datastore !== datastore) {
    throw new Error(`Datastore \`${datastore}\`: \`meta.leasedConnection\` is not a connection of this datastore.`);
  }
  if (!leased.active) {
    throw new Error(`Datastore \`${datastore}\`: the leased connection was already released (its transaction/leaseConnection ended).`);
  }
  return leased;
}

/**
 * Is a transaction open on the connection? pg tracks the server's ReadyForQuery status in
 * `_txStatus` ('I' idle, 'T' in a transaction, 'E' in a failed one), which also sees a BEGIN
 * sent as a native query; without it, fall back to what Mooring began itself.
 */
export function inTransaction(connection: PostgresqlConnection): boolean {
  const status = (connection.client as { _txStatus?: unknown })._txStatus;
  return typeof status === 'string' ? status !== 'I' : connection.depth > 0;
}
