/**
 * Which held connection the current async call runs inside. A query that forgot
 * `.usingConnection(db)` inside `transaction(during)` then runs on that transaction's connection
 * instead of another pooled one (which could not see its writes, or would wait on its locks).
 * Node switches async hooks on only at the first `run`, so apps that never lease pay nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface HeldConnection {
  readonly datastore: string;
  /** False once the lease has been given back. */
  readonly active: boolean;
}

export class LeaseContext<C extends HeldConnection> {
  readonly #inside = new AsyncLocalStorage<C>();

  /** Runs `during` as the lease of `connection`. */
  run<T>(connection: C, during: () => Promise<T>): Promise<T> {
    return this.#inside.run(connection, during);
  }

  /** The still-held lease of `datastore` whose callback the caller runs in. */
  enclosing(datastore: string): C | undefined {
    const inside = this.#inside.getStore();
    return inside !== undefined && inside.active && inside.datastore === datastore ? inside : undefined;
  }
}
