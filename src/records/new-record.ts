/**
 * Normalizes the new record(s) given to create / createEach / findOrCreate (Waterline's
 * normalize-new-record): validates what was provided, then fills every omitted attribute.
 */
import type { AttributeProblem, RecordProblem } from '../errors/attribute-error.js';
import type { ColumnAttribute, ModelOntology, Ontology } from '../schema/ontology.js';
import { baseValueOf, describeValue } from './coerce.js';
import { isDictionary, notADictionary, shapeProblem, validateProvided } from './provided-values.js';
import { isTimestamp, timestampValue } from './timestamps.js';

export interface NormalizedRecord {
  /** Attribute name → value for every column attribute (plus extra keys on schemaless models). */
  readonly record: Record<string, unknown>;
  /** Plural association name → distinct target ids (`[]` when omitted); applied after insert. */
  readonly pluralValues: Record<string, unknown[]>;
}

export type NewRecordResult = NormalizedRecord | { readonly problems: RecordProblem[] };
export type NewRecordsResult = { readonly records: NormalizedRecord[] } | { readonly problems: RecordProblem[] };

/** `defaultsTo` is deep-cloned so records never share (and mutate) one default object. */
function cloneDefault(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    // Functions and class instances with hidden state can't be cloned; refs are used as given.
    return value;
  }
}

type Fill = { readonly value: unknown } | { readonly problem: AttributeProblem };

function missingValue(model: ModelOntology, name: string, attr: ColumnAttribute, now: Date): Fill {
  if (attr.required) {
    const expected = attr.kind === 'model' ? `the primary key of a \`${attr.model}\` record` : `a ${attr.type}`;
    return {
      problem: {
        code: 'E_REQUIRED',
        attribute: name,
        message: `Missing value for required attribute \`${name}\`. Expected ${expected}, but instead, got: undefined`,
      },
    };
  }
  // The adapter generates an omitted primary key; an omitted singular association points nowhere.
  if (name === model.primaryKey || attr.kind === 'model') return { value: null };
  if (attr.hasDefault) return { value: cloneDefault(attr.defaultsTo) };
  if (isTimestamp(attr)) return { value: timestampValue(attr.type, now) };
  if (attr.allowNull) return { value: null };
  return { value: baseValueOf(attr.type) };
}

/**
 * Validates and completes one new record. Every provided key is checked and every problem is
 * reported; `now` stamps `autoCreatedAt`/`autoUpdatedAt` attributes. The input is not mutated.
 */
export function normalizeNewRecord(model: ModelOntology, ontology: Ontology, record: unknown, now: Date): NewRecordResult {
  if (Array.isArray(record)) {
    return { problems: [shapeProblem('Expected a single new record (a dictionary), but got an array. To create several records, use createEach().')] };
  }
  if (!isDictionary(record)) return { problems: [shapeProblem(notADictionary(record, 'the new record'))] };

  const provided = validateProvided(model, ontology, record, 'create');
  const problems: RecordProblem[] = [...provided.problems];
  const out: Record<string, unknown> = {};
  const pluralValues: Record<string, unknown[]> = {};
  for (const [name, attr] of Object.entries(model.attributes)) {
    if (attr.kind === 'collection') {
      pluralValues[name] = provided.pluralValues[name] ?? [];
    } else if (Object.hasOwn(provided.values, name)) {
      out[name] = provided.values[name];
    } else if (!provided.refused.has(name)) {
      const fill = missingValue(model, name, attr, now);
      if ('problem' in fill) problems.push(fill.problem);
      else out[name] = fill.value;
    }
  }
  // Extra keys (schemaless models only; validateProvided dropped them on schemaful ones).
  for (const [key, value] of Object.entries(provided.values)) {
    if (!Object.hasOwn(model.attributes, key)) out[key] = value;
  }
  return problems.length > 0 ? { problems } : { record: out, pluralValues };
}

/**
 * createEach: normalizes every record with the same `now`, skipping `undefined` items. Problems
 * carry `index`, the record's position in the given array.
 */
export function normalizeNewRecords(model: ModelOntology, ontology: Ontology, records: unknown, now: Date): NewRecordsResult {
  if (!Array.isArray(records)) {
    return { problems: [shapeProblem(`Expected an array of new records, but instead, got: ${describeValue(records)}`)] };
  }
  const problems: RecordProblem[] = [];
  const normalized: NormalizedRecord[] = [];
  const firstIndexOf = new Map<unknown, number>();
  for (const [index, item] of (records as readonly unknown[]).entries()) {
    if (item === undefined) continue;
    const first = typeof item === 'object' && item !== null ? firstIndexOf.get(item) : undefined;
    if (first !== undefined) {
      // One object twice would become two rows sharing later mutations (e.g. by lifecycle callbacks).
      problems.push({ ...shapeProblem(`Record #${index} is the same object as record #${first}; each new record must be a distinct object.`), index });
      continue;
    }
    if (typeof item === 'object' && item !== null) firstIndexOf.set(item, index);
    const result = normalizeNewRecord(model, ontology, item, now);
    if ('problems' in result) problems.push(...result.problems.map((problem) => ({ ...problem, index })));
    else normalized.push(result);
  }
  return problems.length > 0 ? { problems } : { records: normalized };
}
