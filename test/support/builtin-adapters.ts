/** Mooring's built-in adapter factories, loaded eagerly for tests that wrap an adapter object. */
import type { Adapter } from '../../dist/index.js';
import { createMysqlAdapter } from '../../dist/adapters/mysql/index.js';
import { createPostgresqlAdapter } from '../../dist/adapters/postgresql/index.js';
import { createSqliteAdapter } from '../../dist/adapters/sqlite/index.js';

export const BUILTIN_ADAPTERS: Readonly<Record<string, () => Adapter>> = {
  sqlite: createSqliteAdapter,
  postgresql: createPostgresqlAdapter,
  mysql: createMysqlAdapter,
};
