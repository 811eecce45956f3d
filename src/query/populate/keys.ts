/** Matching key values read back from a database: numbers and numeric strings meet, as in SQL. */

/** A Map key for a primary or foreign key value. */
export function keyOf(value: unknown): string {
  return Buffer.isBuffer(value) ? `b:${value.toString('hex')}` : String(value);
}

/** The distinct non-null values, first occurrence kept. */
export function distinctKeys(values: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const key = keyOf(value);
    if (!seen.has(key)) seen.set(key, value);
  }
  return [...seen.values()];
}
