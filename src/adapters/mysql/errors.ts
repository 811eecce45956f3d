/** MySQL/MariaDB driver errors → Waterline footprints (datastores-and-adapters.md §4). */
import type { Footprint } from '../../errors/adapter-error.js';

const ER_DUP_ENTRY = 1062;
const ER_DUP_ENTRY_WITH_KEY_NAME = 1586;
const ER_NO_SUCH_TABLE = 1146;

/** `Duplicate entry 'x' for key 'email'` (MariaDB, MySQL 5.7) or `… for key 'user.email'` (MySQL 8). */
const DUPLICATE_KEY = /for key '(.+)'$/;

/** The index name MySQL gives the primary key. */
export const PRIMARY_KEY_INDEX = 'PRIMARY';

interface DriverError {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
  message?: unknown;
}

function fields(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

/**
 * `notUnique` keys are index names; Mooring's DDL names each unique index after its column
 * (inline UNIQUE), and `PRIMARY` is replaced by the primary key column by the datastore.
 */
export function mysqlFootprint(error: unknown, table?: string): Footprint {
  const { errno, code } = fields(error);
  if (errno === ER_DUP_ENTRY || errno === ER_DUP_ENTRY_WITH_KEY_NAME || code === 'ER_DUP_ENTRY') {
    const key = duplicateKeyName(error instanceof Error ? error.message : String(error), table);
    return { identity: 'notUnique', keys: key === undefined ? [] : [key] };
  }
  if (errno === ER_NO_SUCH_TABLE || code === 'ER_NO_SUCH_TABLE') return { identity: 'noSuchPhysicalModel' };
  return { identity: 'catchall' };
}

function duplicateKeyName(message: string, table: string | undefined): string | undefined {
  const qualified = DUPLICATE_KEY.exec(message)?.[1];
  if (qualified === undefined) return undefined;
  if (table !== undefined && qualified.startsWith(`${table}.`)) return qualified.slice(table.length + 1);
  const dot = qualified.indexOf('.');
  return dot === -1 ? qualified : qualified.slice(dot + 1);
}

/** Node socket and mysql2 protocol codes meaning the server could not be reached or went away. */
const UNREACHABLE = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST; ER_SERVER_SHUTDOWN. */
const UNREACHABLE_ERRNO = new Set([2002, 2003, 2006, 2013, 1053]);

// mysql2 refuses a query on a connection whose socket already closed with this (code-less) error.
const CLOSED_CONNECTION = /connection is in closed state/i;

export function isConnectionFailure(error: unknown): boolean {
  const { code, errno, message } = fields(error);
  return (
    (typeof code === 'string' && UNREACHABLE.has(code)) ||
    (typeof errno === 'number' && UNREACHABLE_ERRNO.has(errno)) ||
    (typeof message === 'string' && CLOSED_CONNECTION.test(message))
  );
}

/** The connection cannot be reused (mysql2 marks such errors `fatal`). */
export function isFatal(error: unknown): boolean {
  return fields(error).fatal === true || isConnectionFailure(error);
}

export function reasonOf(error: unknown): string {
  const { message, code } = fields(error);
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
