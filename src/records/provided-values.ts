/**
 * The first step shared by create and update: validate every key the caller provided, collecting
 * all problems instead of stopping at the first, and set plural association values aside.
 */
import type { AttributeProblem, RecordProblem } from '../errors/attribute-error.js';
import type { ModelOntology, Ontology } from '../schema/ontology.js';
import { describeValue } from './coerce.js';
import { validateAttributeValue, type ValueContext } from './validate-attribute-value.js';

export interface ProvidedValues {
  /** Accepted values for attributes with a column, and extra keys on schemaless models. */
  readonly values: Record<string, unknown>;
  /** Accepted plural association values (distinct target ids), keyed by attribute name. */
  readonly pluralValues: Record<string, unknown[]>;
  readonly problems: AttributeProblem[];
  /** Keys whose provided value was refused (so callers don't also report them as missing). */
  readonly refused: ReadonlySet<string>;
}

/** Waterline's notion of a record: any non-array, non-function object. */
export function isDictionary(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A problem with the record as a whole. */
export function shapeProblem(message: string): RecordProblem {
  return { code: 'E_INVALID_RECORD', message };
}

/** The message for an input that should have been a record but isn't. */
export function notADictionary(input: unknown, what: string): string {
  return `Expected ${what} to be a dictionary (plain JavaScript object), but instead, got: ${describeValue(input)}`;
}

export function validateProvided(
  model: ModelOntology,
  ontology: Ontology,
  input: Readonly<Record<string, unknown>>,
  context: ValueContext,
): ProvidedValues {
  const values: Record<string, unknown> = {};
  const pluralValues: Record<string, unknown[]> = {};
  const problems: AttributeProblem[] = [];
  const refused = new Set<string>();
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (value === undefined) continue;
    const attr = Object.hasOwn(model.attributes, key) ? model.attributes[key] : undefined;
    // Schemaful models ignore keys they don't declare (Waterline drops them silently).
    if (!attr && model.hasSchema) continue;
    const result = validateAttributeValue(model, key, value, context, ontology);
    if (!result.ok) {
      problems.push(result.problem);
      refused.add(key);
    } else if (attr?.kind === 'collection') {
      pluralValues[key] = result.value as unknown[];
    } else {
      values[key] = result.value;
    }
  }
  return { values, pluralValues, problems, refused };
}
