/** pg driver errors → Waterline footprints (datastores-and-adapters.md §4), and lost-server detection. */
import type { Footprint } from '../../errors/adapter-error.js';

interface DriverError {
  code?: unknown;
  detail?: unknown;
  constraint?: unknown;
  message?: unknown;
}

function fields(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

export function postgresqlFootprint(error: unknown, table?: string): Footprint {
  const { code, detail, constraint } = fields(error);
  if (code === '23505') {
    const keys = (typeof detail === 'string' ? keysFromDetail(detail) : undefined) ?? keysFromConstraint(constraint, table);
    return { identity: 'notUnique', keys };
  }
  if (code === '42P01') return { identity: 'noSuchPhysicalModel' };
  return { identity: 'catchall' };
}

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * `Key (email, "Team")=(a@x.io, 7) already exists.` → `['email', 'Team']`. Names are read one
 * by one (quoted ones may hold any character); an expression index gives `undefined`.
 */
export function keysFromDetail(detail: string): string[] | undefined {
  if (!detail.startsWith('Key (')) return undefined;
  const keys: string[] = [];
  let i = 'Key ('.length;
  for (;;) {
    let name = '';
    if (detail[i] === '"') {
      i += 1;
      while (i < detail.length && !(detail[i] === '"' && detail[i + 1] !== '"')) {
        name += detail[i];
        i += detail[i] === '"' ? 2 : 1;
      }
      i += 1;
    } else {
      const end = detail.slice(i).search(/, |\)/);
      if (end < 0) return undefined;
      name = detail.slice(i, i + end);
      if (!BARE_NAME.test(name)) return undefined;
      i += end;
    }
    keys.push(name);
    if (detail.startsWith(', ', i)) i += 2;
    else return detail.startsWith(')=(', i) ? keys : undefined;
  }
}

/** PostgreSQL's default name for a one-column unique constraint is `<table>_<column>_key`. */
function keysFromConstraint(constraint: unknown, table: string | undefined): string[] {
  if (typeof constraint !== 'string' || table === undefined) return [];
  const prefix = `${table}_`;
  if (!constraint.startsWith(prefix) || !constraint.endsWith('_key')) return [];
  return [constraint.slice(prefix.length, -'_key'.length)];
}

/** Socket-level codes, SQLSTATE class 08 (connection exception) and server shutdowns (57P01-03). */
const LOST_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03']);
const LOST_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/** Does the error mean the server could not be reached, or went away mid-query? */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = fields(error);
  if (typeof code === 'string' && (LOST_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && LOST_MESSAGES.test(message);
}

/** The driver's reason, for messages (`AggregateError`s from multi-address hosts carry it inside). */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  const { message, code } = fields(error);
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${text} [${code}]` : text;
}
