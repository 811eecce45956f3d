/** Mooring's SQLite adapter. */
export { createSqliteAdapter, type SqliteAdapter } from './adapter.js';
export { sqliteDialect } from './dialect.js';
export type { SqliteNativeResult } from './native.js';
