/**
 * Normalizes the values given to update / updateOne (Waterline's `valuesToSet`): only the keys
 * provided are checked, nothing is defaulted, and `autoUpdatedAt` attributes are stamped.
 */
import type { RecordProblem } from '../errors/attribute-error.js';
import type { ModelOntology, Ontology } from '../schema/ontology.js';
import { isDictionary, notADictionary, shapeProblem, validateProvided } from './provided-values.js';
import { timestampValue } from './timestamps.js';

export interface NormalizedValuesToSet {
  /** Attribute name → value to write (plus extra keys on schemaless models). */
  readonly values: Record<string, unknown>;
  /** Plural association name → distinct target ids that **replace** the current collection. */
  readonly pluralValues: Record<string, unknown[]>;
}

export type ValuesToSetResult = NormalizedValuesToSet | { readonly problems: RecordProblem[] };

/**
 * Validates every provided key (reporting all problems). `{}` is allowed: only the
 * `autoUpdatedAt` attributes change then. Explicit timestamp values win over `now`.
 */
export function normalizeValuesToSet(model: ModelOntology, ontology: Ontology, values: unknown, now: Date): ValuesToSetResult {
  if (!isDictionary(values)) return { problems: [shapeProblem(notADictionary(values, 'the values to set'))] };
  const provided = validateProvided(model, ontology, values, 'update');
  if (provided.problems.length > 0) return { problems: provided.problems };
  const out: Record<string, unknown> = { ...provided.values };
  for (const [name, attr] of Object.entries(model.attributes)) {
    if (attr.kind === 'scalar' && attr.autoUpdatedAt && !Object.hasOwn(out, name)) out[name] = timestampValue(attr.type, now);
  }
  return { values: out, pluralValues: provided.pluralValues };
}
