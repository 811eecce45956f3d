/**
 * The function `stream()` feeds: `.eachRecord(fn)` (one record at a time) xor
 * `.eachBatch([size,] fn)` (an array per batch). Calls run in series; an async function is
 * awaited; a function that declares a second parameter gets a node-style `next(err?)`.
 */
import { UsageError } from '../errors/index.js';
import type { RecordData } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';
import type { ModelOntology } from '../schema/ontology.js';

type Iteratee = (value: unknown, next: (err?: unknown) => void) => unknown;

export interface StreamIteratee {
  readonly perRecord: boolean;
  /** Hands one batch to the user's function; rejects with the first error it reports. */
  deliver(batch: readonly RecordData[]): Promise<void>;
}

function invalid(model: ModelOntology, text: string): UsageError {
  return new UsageError('E_INVALID_STREAM_ITERATEE', `Model \`${model.identity}\`: ${text}`, model.identity);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** One call; settles when `next` is called (if declared) or when the returned promise settles. */
function callOnce(fn: Iteratee, value: unknown): Promise<void> {
  const declaresNext = fn.length >= 2;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    const next = (err?: unknown): void => {
      if (!declaresNext) {
        settle(new Error('The stream iteratee called its second argument, but does not declare it; declare `(record, next)` to use a callback.'));
        return;
      }
      settle(err);
    };
    let returned: unknown;
    try {
      returned = fn(value, next);
    } catch (err) {
      settle(err ?? new Error('The stream iteratee threw a falsy value.'));
      return;
    }
    if (isThenable(returned)) {
      returned.then(
        () => (declaresNext ? undefined : settle()),
        (err: unknown) => settle(err ?? new Error('The stream iteratee rejected with a falsy value.')),
      );
    } else if (!declaresNext) {
      settle();
    }
  });
}

/** Checks the stage-1 iteratees (E_INVALID_STREAM_ITERATEE) and returns the one to call. */
export function streamIteratee(model: ModelOntology, q: Stage1Query): StreamIteratee {
  const { eachRecordFn, eachBatchFn } = q;
  if (eachRecordFn !== undefined && eachBatchFn !== undefined) {
    throw invalid(model, 'give either `.eachRecord(fn)` or `.eachBatch(fn)`, not both.');
  }
  const fn = eachRecordFn ?? eachBatchFn;
  if (fn === undefined) throw invalid(model, '`stream()` needs `.eachRecord(fn)` or `.eachBatch(fn)` to say what to do with the records.');
  if (typeof fn !== 'function') throw invalid(model, `the iteratee must be a function, but got ${typeof fn}.`);
  const iteratee = fn as Iteratee;
  const perRecord = eachRecordFn !== undefined;
  return {
    perRecord,
    async deliver(batch) {
      if (!perRecord) return callOnce(iteratee, batch);
      for (const record of batch) await callOnce(iteratee, record);
    },
  };
}
