import { isUsageError } from '../errors/index.js';

/** Marks a query that provably matches nothing (Waterline's E_NOOP); it never reaches the adapter. */
export const NOOP: unique symbol = Symbol('noop');

export function orNoop<T>(normalize: () => T): T | typeof NOOP {
  try {
    return normalize();
  } catch (err) {
    if (isUsageError(err, 'E_NOOP')) return NOOP;
    throw err;
  }
}
