/** Shape checks shared by the stage-2 normalisers. */

/**
 * A plain dictionary: an object literal or `Object.create(null)`. Arrays, Dates, Buffers and
 * class instances are not, so they can never be mistaken for a modifier or criteria dictionary.
 */
export function isDictionary(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own-property lookup, so names like `constructor` never resolve to inherited members. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A positive safe integer (1, 2, …). */
export function isSafeNaturalNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
