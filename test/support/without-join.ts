/**
 * The sails-disk path: the datastore's own Mooring adapter with its native `join` removed, so
 * every populate is answered by Mooring's IN-list fallback (as for adapters without `join`).
 */
import { BUILTIN_ADAPTERS } from './builtin-adapters.js';
import type { TestDatastore } from './datastores.js';

export interface WithoutJoin {
  readonly datastore: TestDatastore;
  /** Pass as `lift(…, {adapters})`. */
  readonly adapters: Record<string, unknown>;
}

export function withoutJoin(datastore: TestDatastore): WithoutJoin {
  const name = String(datastore.config.adapter);
  const factory = BUILTIN_ADAPTERS[name];
  if (!factory) throw new Error(`No built-in adapter \`${name}\` to strip of \`join\`.`);
  const { join: _join, ...adapter } = factory();
  return {
    datastore: { name: `${datastore.name} without join`, config: { ...datastore.config, adapter: 'no-join' } },
    // The flag tells `initialize` this is a Mooring (promise) adapter, not a Waterline callback one.
    adapters: { 'no-join': { ...adapter, mooringAdapter: true } },
  };
}
