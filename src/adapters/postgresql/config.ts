/** Datastore configuration → a pg pool, and a first connection whose failure says what to fix. */
import pg from 'pg';
import { ConfigurationError } from '../../errors/definition-error.js';
import type { DatastoreConfig } from '../adapter.js';
import { reasonOf } from './errors.js';

export interface PoolSettings {
  readonly pool: pg.PoolConfig;
  /** `host:port`, for messages. */
  readonly server: string;
}

/**
 * pg waits forever for a connection by default; the registration check should not. The pool
 * keeps pg's default unless configured: its timeout also cuts waits for a free pooled client.
 */
const CHECK_TIMEOUT_MS = 10_000;

const CONNECTION_KEYS = ['host', 'user', 'password', 'database'] as const;
const NUMBER_KEYS = ['port', 'max', 'idleTimeoutMillis', 'connectionTimeoutMillis'] as const;

/**
 * `url` (`postgres://user:password@host:5432/database?sslmode=require`) and/or `host`/`port`/
 * `user`/`password`/`database`; explicit keys win over the url's parts. Pool settings `max`,
 * `idleTimeoutMillis`, `connectionTimeoutMillis` and `ssl` pass through to `pg.Pool`.
 */
export function poolSettings(config: DatastoreConfig & { identity: string }): PoolSettings {
  const bad = (what: string): ConfigurationError =>
    new ConfigurationError('E_INVALID_DATASTORE', `Datastore \`${config.identity}\`: ${what}`);
  const pool: pg.PoolConfig = {};
  const given: Partial<Record<(typeof CONNECTION_KEYS)[number] | 'port', string>> = {};
  for (const key of CONNECTION_KEYS) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw bad(`\`${key}\` must be a string.`);
    given[key] = value;
  }
  for (const key of NUMBER_KEYS) {
    const raw = config[key];
    if (raw === undefined || raw === null) continue;
    // Settings read from the environment arrive as text.
    const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw bad(`\`${key}\` must be a whole number, got \`${String(raw)}\`.`);
    if (key === 'port') given.port = String(value);
    else pool[key] = value;
  }
  if (config.ssl !== undefined) pool.ssl = config.ssl as pg.PoolConfig['ssl'];
  if (config.url === undefined || config.url === '') {
    Object.assign(pool, given, given.port === undefined ? {} : { port: Number(given.port) });
    return { pool, server: `${given.host ?? process.env.PGHOST ?? 'localhost'}:${given.port ?? process.env.PGPORT ?? '5432'}` };
  }
  if (typeof config.url !== 'string') throw bad('`url` must be a string like `postgres://user@host:5432/database`.');
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw bad(`\`url\` is not a URL: \`${config.url}\`. Use \`postgres://user:password@host:5432/database\`.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw bad(`\`url\` must start with \`postgres://\` or \`postgresql://\`, got \`${url.protocol}//…\`.`);
  }
  // pg lets the url win over separate keys; folding the keys into the url makes them win instead.
  if (given.host !== undefined) url.hostname = given.host;
  if (given.port !== undefined) url.port = given.port;
  if (given.user !== undefined) url.username = encodeURIComponent(given.user);
  if (given.password !== undefined) url.password = encodeURIComponent(given.password);
  if (given.database !== undefined) url.pathname = `/${encodeURIComponent(given.database)}`;
  pool.connectionString = url.toString();
  const host = url.hostname === '' ? (url.searchParams.get('host') ?? 'localhost') : url.hostname;
  return { pool, server: `${host}:${url.port === '' ? '5432' : url.port}` };
}

/**
 * `preparedStatements` (default true): send Mooring's cached statements named, so each
 * connection prepares them once. `false` for poolers that cannot keep them (PgBouncer before
 * 1.21 in transaction mode) or when PostgreSQL's generic plans misbehave on skewed data.
 */
export function preparedStatements(config: DatastoreConfig & { identity: string }): boolean {
  const raw = config.preparedStatements;
  if (raw === undefined || raw === null) return true;
  // Settings read from the environment arrive as text.
  const value = raw === 'true' ? true : raw === 'false' ? false : raw;
  if (typeof value !== 'boolean') {
    throw new ConfigurationError('E_INVALID_DATASTORE', `Datastore \`${config.identity}\`: \`preparedStatements\` must be true or false.`);
  }
  return value;
}

/** Opens and closes one connection with the pool's settings; a failure becomes a `ConfigurationError` naming the fix. */
export async function checkConnectivity(settings: PoolSettings, datastore: string): Promise<void> {
  const client = new pg.Client({ ...settings.pool, connectionTimeoutMillis: settings.pool.connectionTimeoutMillis || CHECK_TIMEOUT_MS });
  // A failed connect may still emit 'error' afterwards; unheard, it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (cause) {
    throw new ConfigurationError(
      'E_DATASTORE_UNREACHABLE',
      `Datastore \`${datastore}\`: cannot connect to the PostgreSQL server at ${settings.server} (${reasonOf(cause)}). ${adviceFor(cause)}`,
      { cause },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function adviceFor(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const where = "the datastore's `url` (or `host`/`port`/`user`/`password`/`database`)";
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing accepts connections there: start the PostgreSQL server, or fix ${where}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name does not resolve: fix ${where}.`;
    case '28P01':
    case '28000':
      return `The server refused the login: fix the user and password in ${where}, or the server's pg_hba.conf.`;
    case '3D000':
      return `The database does not exist: create it (\`CREATE DATABASE …\`) or fix ${where}.`;
    default:
      return `Check that the server is running and reachable from here, and ${where}; raise \`connectionTimeoutMillis\` if the server is just slow.`;
  }
}
