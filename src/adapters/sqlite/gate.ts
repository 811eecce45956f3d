/**
 * One SQLite database = one connection, but `transaction`/`leaseConnection` callbacks are
 * async. The gate gives a lease exclusive use of the connection: queries that do not carry
 * the lease (`meta.leasedConnection`) wait, in arrival order, until it is released.
 * When nothing is leased, queries run at once without touching the queue.
 *
 * Code running inside the holder's own `during` that forgot `.usingConnection(db)` cannot
 * wait for the holder (it would wait for itself forever); it runs on the held connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The opaque connection handed to `during`; valid only while its lease is held. */
export class SqliteConnection {
  readonly datastore: string;
  #active = true;

  constructor(datastore: string) {
    this.datastore = datastore;
  }

  get active(): boolean {
    return this.#active;
  }

  /** @internal */
  end(): void {
    this.#active = false;
  }
}

/** Which lease's `during` the current async code runs in; used to report self-deadlocks. */
const insideLease = new AsyncLocalStorage<SqliteConnection>();

type Turn = object;

export class Gate {
  readonly #datastore: string;
  #owner: Turn | null = null;
  readonly #queue: { turn: Turn; grant: () => void }[] = [];

  constructor(datastore: string) {
    this.#datastore = datastore;
  }

  /**
   * Runs one statement-group `run` (synchronous) with the connection: at once when free or
   * when `leased` holds it, else after the current holder and earlier waiters.
   */
  async use<T>(leased: unknown, run: () => T): Promise<T> {
    if (leased !== undefined && leased !== null) this.#checkLease(leased);
    if (this.#owner === null || this.#owner === leased || this.enclosing()) return run();
    const turn: Turn = {};
    await this.#acquire(turn);
    try {
      return run();
    } finally {
      this.#release(turn);
    }
  }

  /** Holds the connection for `connection` while `during` runs; other callers queue. Check `enclosing()` first. */
  async hold<T>(connection: SqliteConnection, during: () => Promise<T>): Promise<T> {
    await this.#acquire(connection);
    try {
      return await insideLease.run(connection, during);
    } finally {
      connection.end();
      this.#release(connection);
    }
  }

  /** The connection whose `during` the caller runs in, while it holds the gate. */
  enclosing(): SqliteConnection | undefined {
    const inside = insideLease.getStore();
    return inside !== undefined && inside === this.#owner ? inside : undefined;
  }

  #acquire(turn: Turn): Promise<void> {
    if (this.#owner === null) {
      this.#owner = turn;
      return Promise.resolve();
    }
    return new Promise((grant) => this.#queue.push({ turn, grant }));
  }

  #release(turn: Turn): void {
    if (this.#owner !== turn) return;
    const next = this.#queue.shift();
    // Hand over directly so nothing can slip in between release and the next waiter.
    this.#owner = next ? next.turn : null;
    next?.grant();
  }

  #checkLease(leased: unknown): void {
    if (!(leased instanceof SqliteConnection) || leased.datastore !== this.#datastore) {
      throw new Error(`Datastore \`${this.#datastore}\`: \`meta.leasedConnection\` is not a connection of this datastore.`);
    }
    if (!leased.active) {
      throw new Error(
        `Datastore \`${this.#datastore}\`: the leased connection was already released (its transaction/leaseConnection ended).`,
      );
    }
  }
}
