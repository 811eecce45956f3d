/**
 * The one transaction an association write runs in. Such a write touches up to three models
 * (parent, junction or through model, child), possibly in different datastores: each datastore
 * gets its own transaction, nested in a fixed order, and every inner query takes the meta of
 * its model's datastore. When Mooring opened the transaction itself, a deadlock or
 * serialization failure (concurrent writers on PostgreSQL/MySQL) reruns the whole unit.
 */
import { isTransientFailure } from '../adapters/transient-failure.js';
import type { QueryMeta } from '../query/shapes.js';
import type { ModelContext } from '../orm/runtime.js';
import { inTransaction } from './transaction.js';

export interface WriteScope {
  /** The parent model's meta inside the transaction (the caller's keys plus the connection). */
  readonly meta: QueryMeta | undefined;
  /** Meta for an internal query on `ctx`'s model: its datastore's connection, no lifecycle callbacks. */
  innerMeta(ctx: ModelContext): QueryMeta;
}

/** Attempts in all when Mooring owns the transaction and the database picked it as a deadlock victim. */
export const MAX_ATTEMPTS = 5;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function inWriteScope<T>(
  ctx: ModelContext,
  involved: readonly ModelContext[],
  meta: QueryMeta | undefined,
  during: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  const others = new Map<string, ModelContext>();
  for (const each of involved) {
    if (each.datastore.name !== ctx.datastore.name) others.set(each.datastore.name, each);
  }
  // A fixed order, so two units spanning the same datastores never wait on each other in a cycle.
  const nested = [...others.values()].sort((a, b) => (a.datastore.name < b.datastore.name ? -1 : 1));
  // The caller's leased connection belongs to the parent's datastore only.
  const { leasedConnection: _lease, ...foreignMeta } = meta ?? {};

  const once = (): Promise<T> =>
    inTransaction(ctx, meta, (txMeta) => {
      const metas = new Map<string, QueryMeta | undefined>([[ctx.datastore.name, txMeta]]);
      const scope: WriteScope = {
        meta: txMeta,
        innerMeta: (inner) => {
          const { fetch: _fetch, cascade: _cascade, ...rest } = metas.get(inner.datastore.name) ?? {};
          return { ...rest, skipAllLifecycleCallbacks: true };
        },
      };
      const enter = (i: number): Promise<T> => {
        const next = nested[i];
        if (!next) return during(scope);
        return inTransaction(next, foreignMeta, (m) => {
          metas.set(next.datastore.name, m);
          return enter(i + 1);
        });
      };
      return enter(0);
    });

  const ownsTransaction = meta?.leasedConnection === undefined && ctx.datastore.adapter.transaction !== undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await once();
    } catch (err) {
      if (!ownsTransaction || attempt >= MAX_ATTEMPTS || !isTransientFailure(err)) throw err;
      // Jittered, growing pause so the writers that collided don't collide again in lockstep.
      await pause(Math.random() * 5 * 2 ** attempt);
    }
  }
}
