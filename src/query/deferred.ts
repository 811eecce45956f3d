/**
 * The deferred every model method returns: nothing runs until `.exec(cb)`, `await`, `.then()`
 * or `.toPromise()`, and then it runs once. Mirrors Waterline's (parley) surface, including
 * `.intercept()` and `.tolerate()`.
 */
import { UsageError } from '../errors/index.js';

/** What running a query produced: the result plus extra callback arguments (findOrCreate). */
export interface Outcome<T> {
  value: T;
  extras?: unknown[];
}

export type NodeCallback<T> = (err: Error | null, result?: T, ...extras: unknown[]) => void;

type ErrorRule = string | Record<string, unknown> | ErrorRule[];
type ErrorHandler = ((err: Error) => unknown) | string;

interface Registration {
  kind: 'intercept' | 'tolerate';
  rule: ErrorRule | undefined;
  handler: ErrorHandler | undefined;
}

function matches(rule: ErrorRule | undefined, err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (rule === undefined) return true;
  if (Array.isArray(rule)) return rule.some((r) => matches(r, err));
  if (typeof rule === 'string') return (err as { code?: unknown }).code === rule;
  return Object.entries(rule).every(([k, v]) => (err as unknown as Record<string, unknown>)[k] === v);
}

/** Wraps a non-Error returned by an intercept handler, as Waterline does. */
function envelope(value: unknown): Error {
  const err = new Error('A non-error value was used as an error.') as Error & { code: string; raw: unknown };
  err.name = 'Envelope';
  err.code = 'E_NON_ERROR';
  err.raw = value;
  return err;
}

export class Deferred<T> implements PromiseLike<T> {
  #promise: Promise<Outcome<T>> | undefined;
  #registrations: Registration[] = [];
  readonly #run: () => Promise<Outcome<T>>;

  constructor(run: () => Promise<Outcome<T>>) {
    this.#run = run;
  }

  /** Runs the query (once) and settles every registration. */
  #start(): Promise<Outcome<T>> {
    if (!this.#promise) {
      this.#promise = Promise.resolve()
        .then(() => this.#run())
        .catch((err: unknown) => this.#handleError(err));
    }
    return this.#promise;
  }

  async #handleError(err: unknown): Promise<Outcome<T>> {
    for (const reg of this.#registrations) {
      if (!matches(reg.rule, err)) continue;
      if (reg.kind === 'tolerate') {
        const value = typeof reg.handler === 'function' ? await reg.handler(err as Error) : reg.handler;
        return { value: value as T };
      }
      let replacement: unknown;
      try {
        replacement = typeof reg.handler === 'function' ? await reg.handler(err as Error) : reg.handler;
      } catch (thrown) {
        throw new UsageError('E_INVALID_CRITERIA', `An .intercept() handler threw: ${String(thrown)}`);
      }
      if (replacement === undefined) {
        throw new Error('An .intercept() handler returned nothing; it must return the error to throw instead.');
      }
      throw replacement instanceof Error ? replacement : envelope(replacement);
    }
    throw err;
  }

  /** Runs the query and calls back `cb(err, result, …extras)`. */
  exec(cb: NodeCallback<T>): void {
    if (typeof cb !== 'function') {
      throw new TypeError('`.exec()` expects a callback function `(err, result) => …`.');
    }
    if (this.#promise) {
      console.warn('Mooring: this query was already executed; the second `.exec()` is ignored.');
      return;
    }
    this.#start().then(
      (outcome) => cb(null, outcome.value, ...(outcome.extras ?? [])),
      (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
    );
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#start().then((outcome) => outcome.value).then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  toPromise(): Promise<T> {
    return this.then();
  }

  /** Replaces a matching error (by code, by properties, or any) with the handler's result. */
  intercept(ruleOrHandler: ErrorRule | ErrorHandler, handler?: ErrorHandler): this {
    if (handler === undefined) {
      if (typeof ruleOrHandler !== 'function') throw new TypeError('`.intercept()` needs a handler.');
      this.#registrations.push({ kind: 'intercept', rule: undefined, handler: ruleOrHandler });
    } else {
      this.#registrations.push({ kind: 'intercept', rule: ruleOrHandler as ErrorRule, handler });
    }
    return this;
  }

  /** Swallows a matching error; the handler's return value (default undefined) becomes the result. */
  tolerate(ruleOrHandler: ErrorRule | ErrorHandler, handler?: ErrorHandler): this {
    if (handler === undefined && typeof ruleOrHandler === 'function') {
      this.#registrations.push({ kind: 'tolerate', rule: undefined, handler: ruleOrHandler });
    } else {
      this.#registrations.push({ kind: 'tolerate', rule: ruleOrHandler as ErrorRule, handler });
    }
    return this;
  }

  toString(): string {
    return '[Deferred]';
  }

  toJSON(): null {
    return null;
  }
}
