/**
 * Runs several adapter calls as one unit: inside the caller's leased connection when the query
 * has one, else in a fresh transaction when the adapter supports transactions.
 */
import type { QueryMeta } from '../query/shapes.js';
import type { ModelContext } from '../orm/runtime.js';

export async function inTransaction<T>(ctx: ModelContext, meta: QueryMeta | undefined, during: (meta: QueryMeta | undefined) => Promise<T>): Promise<T> {
  const { adapter, name } = ctx.datastore;
  if (meta?.leasedConnection !== undefined || !adapter.transaction) return during(meta);
  return adapter.transaction(name, (connection) => during({ ...meta, leasedConnection: connection }));
}
