/** Adapters Mooring ships, by the name a datastore's `adapter` setting uses. */
import type { Adapter } from '../adapters/adapter.js';
import { createMysqlAdapter } from '../adapters/mysql/index.js';
import { createPostgresqlAdapter } from '../adapters/postgresql/index.js';
import { createSqliteAdapter } from '../adapters/sqlite/index.js';

export const BUILTIN_ADAPTERS: Readonly<Record<string, () => Adapter>> = {
  sqlite: createSqliteAdapter,
  postgresql: createPostgresqlAdapter,
  postgres: createPostgresqlAdapter,
  mysql: createMysqlAdapter,
  mariadb: createMysqlAdapter,
};

/** Used when `initialize` is given no datastores at all: an embedded database file in the working directory. */
export const DEFAULT_DATASTORE = { adapter: 'sqlite', filename: 'mooring.sqlite' } as const;
