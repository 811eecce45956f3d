/** Adapters Mooring ships, by the name a datastore's `adapter` setting uses. */
import type { Adapter } from '../adapters/adapter.js';
import { createSqliteAdapter } from '../adapters/sqlite/index.js';

export const BUILTIN_ADAPTERS: Readonly<Record<string, () => Adapter>> = {
  sqlite: createSqliteAdapter,
};

/** Used when `initialize` is given no datastores at all: an embedded database file in the working directory. */
export const DEFAULT_DATASTORE = { adapter: 'sqlite', filename: 'mooring.sqlite' } as const;
