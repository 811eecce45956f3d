/**
 * Lifecycle callbacks (model-methods spec §5): `beforeCreate`, `afterCreate`, `beforeUpdate`,
 * `afterUpdate`, `beforeDestroy`, `afterDestroy`, each `fn(value, proceed)` or an async
 * function. An error passed to `proceed` (or thrown, or rejected) reaches the caller unchanged.
 * Never run on junction models or with `meta.skipAllLifecycleCallbacks`.
 */
import type { Criteria, QueryMeta, RecordData } from '../query/shapes.js';
import type { NormalizedRecord } from '../records/new-record.js';
import type { ModelOntology } from '../schema/ontology.js';

export type LifecycleName = 'beforeCreate' | 'afterCreate' | 'beforeUpdate' | 'afterUpdate' | 'beforeDestroy' | 'afterDestroy';

type Callback = (value: unknown, proceed: (err?: unknown) => void) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function callbackOf(model: ModelOntology, name: LifecycleName, meta: QueryMeta | undefined): Callback | undefined {
  if (model.junctionTable || meta?.skipAllLifecycleCallbacks === true) return undefined;
  const fn = model.definition[name];
  return typeof fn === 'function' ? (fn as Callback) : undefined;
}

/**
 * Calls one callback and settles when it is done: when it calls `proceed` if it declares that
 * parameter, else when its returned promise settles (or at once for a plain return).
 */
function invoke(fn: Callback, value: unknown): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const proceed = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    let returned: unknown;
    try {
      // `this` is deliberately not the model, as in Waterline.
      returned = fn.call(undefined, value, proceed);
    } catch (err) {
      proceed(err ?? new Error('A lifecycle callback threw a falsy value.'));
      return;
    }
    const awaitsProceed = fn.length >= 2;
    if (isThenable(returned)) {
      returned.then(
        () => (awaitsProceed ? undefined : proceed()),
        (err: unknown) => proceed(err ?? new Error('A lifecycle callback rejected with a falsy value.')),
      );
    } else if (!awaitsProceed) {
      proceed();
    }
  });
}

/** Runs `name` on `value` if the model defines it. */
export async function runLifecycle(model: ModelOntology, name: LifecycleName, value: unknown, meta: QueryMeta | undefined): Promise<void> {
  const fn = callbackOf(model, name, meta);
  if (fn) await invoke(fn, value);
}

/** Runs an after-callback once per record, in parallel (as Waterline does). */
export async function runAfterEach(model: ModelOntology, name: 'afterCreate' | 'afterUpdate' | 'afterDestroy', records: readonly RecordData[] | undefined, meta: QueryMeta | undefined): Promise<void> {
  const fn = callbackOf(model, name, meta);
  if (fn && records) await Promise.all(records.map((record) => invoke(fn, record)));
}

/**
 * The callback sees one object with plural association keys as arrays; whatever it leaves
 * there (mutations included) is split back into column values and plural values.
 */
function merged(values: RecordData, pluralValues: Readonly<Record<string, unknown[]>>): RecordData {
  return { ...values, ...pluralValues };
}

function split(model: ModelOntology, value: RecordData): { values: RecordData; pluralValues: Record<string, unknown[]> } {
  const values: RecordData = {};
  const pluralValues: Record<string, unknown[]> = {};
  for (const [key, v] of Object.entries(value)) {
    if (model.attributes[key]?.kind === 'collection') pluralValues[key] = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    else values[key] = v;
  }
  return { values, pluralValues };
}

/** `beforeCreate` on one normalized new record; returns the record as the callback left it. */
export async function beforeCreate(model: ModelOntology, record: NormalizedRecord, meta: QueryMeta | undefined): Promise<NormalizedRecord> {
  if (!callbackOf(model, 'beforeCreate', meta)) return record;
  const value = merged(record.record, record.pluralValues);
  await runLifecycle(model, 'beforeCreate', value, meta);
  const { values, pluralValues } = split(model, value);
  return { record: values, pluralValues };
}

/** `beforeUpdate` on the normalized values to set (with plural values, if any). */
export async function beforeUpdate(
  model: ModelOntology,
  values: RecordData,
  pluralValues: Readonly<Record<string, unknown[]>>,
  meta: QueryMeta | undefined,
): Promise<{ values: RecordData; pluralValues: Record<string, unknown[]> }> {
  if (!callbackOf(model, 'beforeUpdate', meta)) return { values, pluralValues: { ...pluralValues } };
  const value = merged(values, pluralValues);
  await runLifecycle(model, 'beforeUpdate', value, meta);
  return split(model, value);
}

/** `beforeDestroy` on the normalized criteria; returns the criteria as the callback left it. */
export async function beforeDestroy(model: ModelOntology, criteria: Criteria, meta: QueryMeta | undefined): Promise<Criteria> {
  if (!callbackOf(model, 'beforeDestroy', meta)) return criteria;
  const copy: Criteria = { ...criteria };
  await runLifecycle(model, 'beforeDestroy', copy, meta);
  return copy;
}
