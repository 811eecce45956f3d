/** The shape of a Waterline adapter (API v1): callback-last methods keyed by name. */
export type Callback = (err?: unknown, result?: unknown) => void;

export interface CallbackAdapter {
  identity?: string;
  adapterApiVersion?: number;
  defaults?: Record<string, unknown>;
  datastores?: Record<string, unknown>;
  registerDatastore?: (config: Record<string, unknown>, models: Record<string, unknown>, cb: Callback) => void;
  registerConnection?: unknown;
  teardown?: (datastoreName: string | null, cb: Callback) => void;
  [method: string]: unknown;
}

/**
 * True for an object that looks like a Waterline adapter rather than a Mooring one. Waterline
 * adapters take a callback last (`registerDatastore(config, models, cb)`, `find(ds, q, cb)`);
 * Mooring's return promises and take no callback.
 */
export function isCallbackAdapter(value: unknown): value is CallbackAdapter {
  if (typeof value !== 'object' || value === null) return false;
  const adapter = value as Record<string, unknown>;
  if (adapter.mooringAdapter === true) return false;
  if (typeof adapter.registerConnection === 'function' || 'adapterApiVersion' in adapter) return true;
  const takesCallback = (name: string) => typeof adapter[name] === 'function' && (adapter[name] as (...a: unknown[]) => unknown).length >= 3;
  return takesCallback('registerDatastore') || takesCallback('find');
}
