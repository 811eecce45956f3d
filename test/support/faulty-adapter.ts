/**
 * A datastore's built-in adapter wrapped so a test can make the N-th data call inside a
 * transaction (a call carrying `meta.leasedConnection`) fail — to prove a multi-statement write
 * leaves no trace wherever it is interrupted.
 */
import { BUILTIN_ADAPTERS } from './builtin-adapters.js';

const DATA_METHODS = new Set(['create', 'createEach', 'update', 'destroy', 'find', 'join', 'count']);

export class InjectedFailure extends Error {
  constructor(call: number) {
    super(`injected failure on transactional call #${call}`);
  }
}

export interface FaultyAdapter {
  /** Pass as `initialize({adapters: {[name]: adapter}})`. */
  readonly adapter: object;
  /** Fail the `n`-th transactional data call from now on (1-based). */
  arm(n: number): void;
  disarm(): void;
  /** Transactional data calls seen since the last `arm`. */
  readonly calls: number;
}

export function faultyAdapter(adapterName: string): FaultyAdapter {
  const factory = BUILTIN_ADAPTERS[adapterName];
  if (!factory) throw new Error(`no built-in adapter \`${adapterName}\``);
  const inner = factory() as unknown as Record<string | symbol, unknown>;
  let failAt = 0;
  let calls = 0;
  const adapter = new Proxy(inner, {
    get(target, prop) {
      // Tells Mooring this is a promise-based adapter, not a Waterline callback one.
      if (prop === 'mooringAdapter') return true;
      const value = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof prop !== 'string' || !DATA_METHODS.has(prop)) return method.bind(target);
      return async (datastoreName: unknown, query: { meta?: { leasedConnection?: unknown } }) => {
        if (failAt > 0 && query?.meta?.leasedConnection !== undefined) {
          calls += 1;
          if (calls === failAt) throw new InjectedFailure(calls);
        }
        return method.call(target, datastoreName, query);
      };
    },
  });
  return {
    adapter,
    arm(n) {
      failAt = n;
      calls = 0;
    },
    disarm() {
      failAt = 0;
    },
    get calls() {
      return calls;
    },
  };
}
