/** Mooring's MySQL/MariaDB adapter. */
export { createMysqlAdapter, type MysqlAdapter } from './adapter.js';
export { mysqlDialect } from './dialect.js';
export type { MysqlNativeResult } from './native.js';
