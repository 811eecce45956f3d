/**
 * Waterline's loose type checks (rttc `validate`): what each attribute type accepts, and how
 * near-misses are coerced ('27' → 27 for a number). Used for written values and for values
 * compared in criteria. Pure functions; no knowledge of models.
 */
import type { AttributeType } from '../schema/ontology.js';

export type CoerceResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const ok = (value: unknown): CoerceResult => ({ ok: true, value });
const fail = (reason: string): CoerceResult => ({ ok: false, reason });

/** A short, readable rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toJSON()})`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const NUMERIC_STRING = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function coerceString(value: unknown): CoerceResult {
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(String(value)) : fail(`${describeValue(value)} is not a finite number`);
  if (typeof value === 'boolean') return ok(String(value));
  if (value instanceof Date && !Number.isNaN(value.getTime())) return ok(value.toJSON());
  return fail(`Expected a string, but instead, got: ${describeValue(value)}`);
}

function coerceNumber(value: unknown): CoerceResult {
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail(`Expected a finite number, but instead, got: ${describeValue(value)}`);
  if (typeof value === 'string' && NUMERIC_STRING.test(value)) return ok(Number(value));
  if (typeof value === 'boolean') return ok(value ? 1 : 0);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return ok(value.getTime());
  return fail(`Expected a number, but instead, got: ${describeValue(value)}`);
}

function coerceBoolean(value: unknown): CoerceResult {
  if (typeof value === 'boolean') return ok(value);
  if (value === 'true' || value === '1' || value === 1) return ok(true);
  if (value === 'false' || value === '0' || value === 0) return ok(false);
  return fail(`Expected a boolean, but instead, got: ${describeValue(value)}`);
}

/**
 * Rebuilds a value into plain JSON the way rttc does: undefined keys and items dropped, Dates to
 * ISO strings, functions/RegExps to their text, Errors to their stack, non-finite numbers to 0,
 * Buffers and streams to null, cycles to a marker string.
 */
export function rebuildJson(value: unknown, seen: object[] = []): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'function' || value instanceof RegExp) return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toJSON();
  if (value instanceof Error) return value.stack ?? String(value);
  if (typeof value !== 'object') return null;
  if (Buffer.isBuffer(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return null;
  if (seen.includes(value)) return '[Circular ~]';
  const nextSeen = [...seen, value];
  if (Array.isArray(value)) {
    return value.filter((item) => item !== undefined).map((item) => rebuildJson(item, nextSeen));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = rebuildJson(item, nextSeen);
  }
  return out;
}

/**
 * Loose validation of `value` against `type`: accepts the value, coerces a near-miss, or
 * explains the refusal. `null` is refused for string/number/boolean (callers decide whether
 * `allowNull` lets it through); json keeps null; ref accepts anything but undefined.
 */
export function coerceLoose(type: AttributeType, value: unknown): CoerceResult {
  if (value === undefined) return fail('Expected a value, but instead, got: undefined');
  switch (type) {
    case 'string':
      return coerceString(value);
    case 'number':
      return coerceNumber(value);
    case 'boolean':
      return coerceBoolean(value);
    case 'json':
      return ok(rebuildJson(value));
    case 'ref':
      return ok(value);
  }
}

/**
 * Write-time rules for primary-key values (and ids given to associations): a string pk takes
 * a non-empty string; a number pk takes a safe positive integer, or a string of digits.
 */
export function coercePrimaryKey(pkType: 'string' | 'number', value: unknown): CoerceResult {
  if (pkType === 'string') {
    return typeof value === 'string' && value !== ''
      ? ok(value)
      : fail(`Expected a non-empty string as a primary key value, but instead, got: ${describeValue(value)}`);
  }
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) return ok(n);
  return fail(`Expected a positive integer as a primary key value, but instead, got: ${describeValue(value)}`);
}

/** The value an omitted optional attribute takes (Waterline's "base value"). */
export function baseValueOf(type: AttributeType): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'json':
    case 'ref':
      return null;
  }
}
