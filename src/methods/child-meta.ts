/** The meta a populate's inner query on another model runs with. */
import type { QueryMeta } from '../query/shapes.js';
import type { ModelContext } from '../orm/runtime.js';

/** A leased connection belongs to the parent's datastore; a child in another one must not see it. */
export function childMeta(parent: ModelContext, child: ModelContext, meta: QueryMeta | undefined): QueryMeta | undefined {
  if (!meta || child.datastore.name === parent.datastore.name || meta.leasedConnection === undefined) return meta;
  const { leasedConnection: _lease, ...rest } = meta;
  return rest;
}
