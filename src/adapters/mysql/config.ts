/**
 * Datastore configuration → mysql2 pool options, and the connectivity check that turns an
 * unreachable server into an error saying what to fix.
 *
 * Keys: `url` (`mysql://user:password@host:3306/database`, also `mariadb://`; query
 * parameters are read as driver options) and/or `host`, `port`, `user`, `password`,
 * `database`, `socketPath` — explicit keys win over the url. Pool and driver settings
 * (`connectionLimit`, `queueLimit`, `ssl`, `timezone`, …, see `DRIVER_KEYS`) pass through.
 * `collation` (default `utf8mb4_unicode_ci`) is the collation of tables Mooring creates;
 * `onStatement: (sql) => void` is called once per statement sent (logging, counting).
 */
import mysql, { type Pool, type PoolOptions } from 'mysql2/promise';
import { ConfigurationError } from '../../errors/definition-error.js';
import type { DatastoreConfig } from '../adapter.js';
import { DEFAULT_COLLATION } from './dialect.js';
import { reasonOf } from './errors.js';

export interface MysqlSettings {
  readonly pool: PoolOptions;
  /** `host:port` or the socket path, for messages. */
  readonly address: string;
  readonly database: string;
  readonly collation: string;
  /** Called with each statement's SQL just before it is sent (config `onStatement`). */
  readonly onStatement: ((sql: string) => void) | undefined;
}

const CONNECTION_KEYS = ['host', 'port', 'user', 'password', 'database', 'socketPath'] as const;

/** mysql2 options a datastore may set; the rest are Mooring's (row format, JSON and bigint decoding). */
const DRIVER_KEYS = [
  'authPlugins', 'charset', 'compress', 'connectAttributes', 'connectTimeout', 'connectionLimit', 'dateStrings',
  'debug', 'decimalNumbers', 'enableCleartextPlugin', 'enableKeepAlive', 'flags', 'idleTimeout', 'insecureAuth',
  'keepAliveInitialDelay', 'localAddress', 'maxIdle', 'maxPreparedStatements', 'multipleStatements', 'password1',
  'password2', 'password3', 'queueLimit', 'ssl', 'supportBigNumbers', 'timezone', 'waitForConnections',
] as const;

const DEFAULTS: PoolOptions = {
  port: 3306,
  charset: 'UTF8MB4_UNICODE_CI',
  // Server-side prepared statements are per connection; stay well under max_prepared_stmt_count.
  maxPreparedStatements: 256,
};

export function mysqlSettings(config: DatastoreConfig & { identity: string }): MysqlSettings {
  const fail = (message: string): never => {
    throw new ConfigurationError('E_INVALID_DATASTORE', `Datastore \`${config.identity}\`: ${message}`);
  };
  const options: Record<string, unknown> = { ...DEFAULTS, ...(config.url === undefined || config.url === null ? {} : fromUrl(config.url, fail)) };
  for (const key of [...CONNECTION_KEYS, ...DRIVER_KEYS]) {
    if (config[key] !== undefined && config[key] !== null) options[key] = config[key];
  }
  const database = options.database;
  if (typeof database !== 'string' || database === '') {
    fail("no database given: put it in the url (`mysql://user@host:3306/<database>`) or set `database`.");
  }
  const collation = config.collation ?? DEFAULT_COLLATION;
  if (typeof collation !== 'string' || !/^utf8mb4_\w+$/i.test(collation)) {
    fail(`\`collation\` must be a utf8mb4 collation such as \`${DEFAULT_COLLATION}\` or \`utf8mb4_bin\`, got \`${String(collation)}\`.`);
  }
  const onStatement: unknown = config.onStatement;
  if (onStatement !== undefined && typeof onStatement !== 'function') fail('`onStatement` must be a function `(sql) => void`.');
  // Mooring reads JSON columns as text (decoded by the table codec) and BIGINTs as numbers.
  const pool: PoolOptions = { ...(options as PoolOptions), jsonStrings: true, bigNumberStrings: false };
  const address = typeof pool.socketPath === 'string' ? pool.socketPath : `${pool.host ?? 'localhost'}:${pool.port ?? 3306}`;
  return { pool, address, database: database as string, collation: collation as string, onStatement: onStatement as MysqlSettings['onStatement'] };
}

function fromUrl(url: unknown, fail: (message: string) => never): Record<string, unknown> {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['mysql:', 'mariadb:', 'mysql2:'].includes(parsed.protocol)) {
    return fail(`\`url\` must look like \`mysql://user:password@host:3306/database\`, got \`${String(url)}\`.`);
  }
  const options: Record<string, unknown> = {};
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (host !== '') options.host = decodeURIComponent(host);
  if (parsed.port !== '') options.port = Number(parsed.port);
  if (parsed.username !== '') options.user = decodeURIComponent(parsed.username);
  if (parsed.password !== '') options.password = decodeURIComponent(parsed.password);
  const database = decodeURIComponent(parsed.pathname.replace(/^\/|\/$/g, ''));
  if (database !== '') options.database = database;
  for (const [key, value] of parsed.searchParams) {
    if ((DRIVER_KEYS as readonly string[]).includes(key)) options[key] = scalar(value);
  }
  return options;
}

function scalar(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The datastore's pool; driver settings mysql2 refuses (an unknown `charset`, …) are configuration errors. */
export function createPool(datastore: string, settings: MysqlSettings): Pool {
  try {
    return mysql.createPool(settings.pool);
  } catch (cause) {
    throw new ConfigurationError('E_INVALID_DATASTORE', `Datastore \`${datastore}\`: mysql2 refused its settings (${reasonOf(cause)}).`, { cause });
  }
}

/** Takes one connection from the new pool and gives it back; on failure ends the pool and explains. */
export async function checkConnection(datastore: string, settings: MysqlSettings, pool: Pool): Promise<void> {
  try {
    const connection = await pool.getConnection();
    connection.release();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new ConfigurationError(
      'E_DATASTORE_UNREACHABLE',
      `Datastore \`${datastore}\`: cannot connect to the MySQL server at ${settings.address} (${reasonOf(cause)}). ${hint(cause, settings)}`,
      { cause },
    );
  }
}

function hint(cause: unknown, settings: MysqlSettings): string {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const where = "the datastore's `url` (or its `host`/`port`/`user`/`password`/`database` settings)";
  switch (code) {
    case 'ER_BAD_DB_ERROR':
      return `The database \`${settings.database}\` does not exist there: create it (\`CREATE DATABASE \\\`${settings.database}\\\` CHARACTER SET utf8mb4\`) or fix ${where}.`;
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return `The server refused the login: check the user and password in ${where}, and the user's grants on \`${settings.database}\`.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name does not resolve: check the host in ${where}.`;
    default:
      return `Make sure the server is running and accepts connections at ${settings.address} (firewall, bind-address), or fix ${where}.`;
  }
}
