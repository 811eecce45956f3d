/** The value an `autoCreatedAt` / `autoUpdatedAt` attribute stores for one instant. */
import type { AttributeType, ScalarAttribute } from '../schema/ontology.js';

/**
 * `now` in the attribute's type: epoch ms for number, ISO-8601 for string, a Date for ref.
 * A ref gets its own Date so that mutating one record's timestamp never moves another's.
 */
export function timestampValue(type: AttributeType, now: Date): unknown {
  switch (type) {
    case 'number':
      return now.getTime();
    case 'ref':
      return new Date(now.getTime());
    case 'string':
    case 'json':
    case 'boolean':
      // Initialize only allows number/string/ref timestamps; text is the least surprising fallback.
      return now.toJSON();
  }
}

/** True for attributes Waterline stamps automatically. */
export function isTimestamp(attr: ScalarAttribute): boolean {
  return attr.autoCreatedAt || attr.autoUpdatedAt;
}
