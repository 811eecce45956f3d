/** Mooring's PostgreSQL adapter. */
export { createPostgresqlAdapter, type PostgresqlAdapter } from './adapter.js';
export { postgresqlDialect } from './dialect.js';
export type { PostgresqlNativeResult } from './native.js';
