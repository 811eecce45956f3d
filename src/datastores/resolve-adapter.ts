/**
 * Finds the adapter a datastore names: one passed in `initialize({adapters})` (a Mooring
 * adapter, or a Waterline `sails-*` adapter run through the bridge), else a built-in one.
 */
import type { Adapter } from '../adapters/adapter.js';
import { isCallbackAdapter, type CallbackAdapter } from '../adapters/waterline/callback-adapter.js';
import { fromWaterlineAdapter } from '../adapters/waterline/from-waterline.js';
import { ConfigurationError } from '../errors/index.js';
import { BUILTIN_ADAPTER_LOADERS } from './builtin-adapter-loaders.js';

export interface ResolvedAdapter {
  adapter: Adapter;
  /** What `orm.datastores[name].adapter` exposes: the user's own object when one was given. */
  given?: CallbackAdapter;
}

function isMooringAdapter(value: unknown): value is Adapter {
  return typeof value === 'object' && value !== null && typeof (value as Adapter).find === 'function' && (value as Adapter).find.length <= 2;
}

export async function resolveAdapter(
  datastoreName: string,
  key: unknown,
  given: Readonly<Record<string, unknown>>,
  cache: Map<string, ResolvedAdapter>,
): Promise<ResolvedAdapter> {
  if (typeof key !== 'string' || key === '') {
    throw new ConfigurationError(
      'E_INVALID_DATASTORE',
      `Datastore \`${datastoreName}\` has no \`adapter\`. Set it to one of: ${[...Object.keys(given), ...Object.keys(BUILTIN_ADAPTER_LOADERS)].join(', ')}.`,
    );
  }
  const cached = cache.get(key);
  if (cached) return cached;
  let resolved: ResolvedAdapter;
  const candidate = given[key];
  if (candidate !== undefined) {
    if (isCallbackAdapter(candidate)) {
      if (candidate.registerConnection && !candidate.registerDatastore) {
        throw new ConfigurationError('E_ADAPTER_NOT_COMPATIBLE', `Adapter \`${key}\` uses the old \`registerConnection\` API (pre-Sails 1.0); upgrade it to a version with \`registerDatastore\`.`);
      }
      resolved = { adapter: fromWaterlineAdapter(candidate, key), given: candidate };
    } else if (isMooringAdapter(candidate)) {
      resolved = { adapter: candidate };
    } else {
      throw new ConfigurationError('E_INVALID_ADAPTER', `\`adapters.${key}\` is not an adapter (expected an object with registerDatastore/find/create… methods).`);
    }
  } else {
    const factory = BUILTIN_ADAPTER_LOADERS[key];
    if (!factory) {
      throw new ConfigurationError(
        'E_UNKNOWN_ADAPTER',
        `Datastore \`${datastoreName}\` uses adapter \`${key}\`, which is neither built in nor passed in \`initialize({adapters})\`. ` +
          `Built-in adapters: ${Object.keys(BUILTIN_ADAPTER_LOADERS).join(', ')}.` +
          (Object.keys(given).length ? ` Passed adapters: ${Object.keys(given).join(', ')}.` : ''),
      );
    }
    resolved = { adapter: await factory() };
  }
  cache.set(key, resolved);
  return resolved;
}
