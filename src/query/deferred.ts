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

/** Partial deep equality, as lodash `matches`: every property of `pattern` must equal the value's. */
function isMatch(value: unknown, pattern: unknown): boolean {
  if (Object.is(value, pattern)) return true;
  if (typeof pattern !== 'object' || pattern === null || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((item) => value.some((candidate) => isMatch(candidate, item)));
  }
  return Object.entries(pattern).every(([k, v]) => isMatch((value as Record<string, unknown>)[k], v));
}

function matches(rule: ErrorRule | undefined, err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (rule === undefined) return true;
  if (Array.isArray(rule)) return rule.some((r) => matches(r, err));
  if (typeof rule === 'string') return (err as { code?: unknown }).code === rule;
  return isMatch(err, rule);
}

function isRule(rule: unknown): rule is ErrorRule {
  if (typeof rule === 'string') return rule !== '';
  if (Array.isArray(rule)) return rule.every(isRule);
  return typeof rule === 'object' && rule !== null;
}

/** A bad `.intercept()` / `.tolerate()` registration, reported when it is made (as parley does). */
function checkRegistration(kind: Registration['kind'], rule: unknown, handler: unknown): void {
  const fail = (why: string): never => {
    throw new UsageError('E_USAGE', `Invalid usage of \`.${kind}()\`: ${why}`);
  };
  if (handler !== undefined && typeof handler !== 'function' && !(kind === 'intercept' && typeof handler === 'string')) {
    fail('the handler must be a function.');
  }
  if (handler === undefined && kind === 'intercept') fail('it needs a handler function, e.g. `.intercept(\'E_UNIQUE\', (err) => new Error(\'taken\'))`.');
  if (handler === undefined && rule === undefined) {
    fail('it needs a rule or a handler; tolerating every error would hide real bugs. Name the error, e.g. `.tolerate(\'E_UNIQUE\')`.');
  }
  if (rule !== undefined && !isRule(rule)) fail('the rule must be an error code, a dictionary of properties, or an array of them.');
}

/** What an intercept handler did wrong, as the UsageError the caller gets instead. */
function handlerFailure(details: string, raw: unknown): UsageError {
  const err = new UsageError('E_INTERCEPT_HANDLER_FAILED', details);
  err.raw = raw;
  return err;
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
        const reason = thrown instanceof Error ? thrown.message : String(thrown);
        throw handlerFailure(`the handler threw (${reason}); to replace the error, return the new error instead of throwing it.`, thrown);
      }
      if (replacement === undefined) {
        throw handlerFailure(`the handler returned \`undefined\`; it must return the error to use instead. The original error was: ${(err as Error).message}`, err);
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
    return this.#register('intercept', ruleOrHandler, handler);
  }

  /** Swallows a matching error; the handler's return value (default undefined) becomes the result. */
  tolerate(ruleOrHandler?: ErrorRule | ErrorHandler, handler?: ErrorHandler): this {
    return this.#register('tolerate', ruleOrHandler, handler);
  }

  #register(kind: Registration['kind'], ruleOrHandler: unknown, handler: unknown): this {
    const wildcard = typeof ruleOrHandler === 'function' && handler === undefined;
    const rule = wildcard ? undefined : ruleOrHandler;
    const fn = wildcard ? ruleOrHandler : handler;
    checkRegistration(kind, rule, fn);
    this.#registrations.push({ kind, rule: rule as ErrorRule | undefined, handler: fn as ErrorHandler | undefined });
    return this;
  }

  toString(): string {
    return '[Deferred]';
  }

  toJSON(): null {
    return null;
  }
}
