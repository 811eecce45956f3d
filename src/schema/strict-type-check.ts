/**
 * Strict type check (rttc `validateStrict`), used for `defaultsTo`: no coercion, so a default
 * that would only pass after coercion (`'1'` for a number) is a definition error.
 */
import type { AttributeType } from './ontology.js';
import { isDictionary } from './plain-data.js';

export function isStrictlyValid(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return isJsonValue(value, new Set());
    case 'ref':
      return value !== undefined;
  }
}

function isJsonValue(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value) || isDictionary(value)) {
    if (seen.has(value)) return false;
    seen.add(value);
    const items: unknown[] = Array.isArray(value) ? value : Object.values(value);
    const ok = items.every((item) => isJsonValue(item, seen));
    seen.delete(value);
    return ok;
  }
  return false;
}
