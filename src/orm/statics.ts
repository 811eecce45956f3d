/**
 * Waterline's static helpers: `start` builds and initializes an ORM from a dictionary of model
 * definitions in one call, `stop` tears it down, `getModel` looks a model up.
 */
import { ConfigurationError } from '../errors/index.js';
import { extend } from './collection.js';
import type { InitializeOptions } from './initialize.js';
import type { LiveModel } from './live-model.js';
import { Orm, type Ontology } from './waterline.js';

export interface StartOptions extends InitializeOptions {
  /** Model definitions keyed by identity. */
  models?: Record<string, Record<string, unknown>>;
  /** Settings applied under every model (model wins), e.g. `{ primaryKey: 'id', attributes: {…} }`. */
  defaultModelSettings?: Record<string, unknown>;
}

type Callback<T> = (err: Error | null, result?: T) => void;

function settle<T>(promise: Promise<T>, cb: Callback<T> | undefined): Promise<T> | undefined {
  if (!cb) return promise;
  promise.then((r) => cb(null, r), (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
  return undefined;
}

async function startOrm(options: StartOptions): Promise<Orm> {
  const orm = new Orm();
  for (const [identity, def] of Object.entries(options.models ?? {})) {
    orm.registerModel(extend({ identity, ...def }));
  }
  const { models: _models, defaultModelSettings, ...rest } = options;
  await orm.initialize({ ...rest, ...(defaultModelSettings ? { defaults: { ...defaultModelSettings, ...(rest.defaults ?? {}) } } : {}) });
  return orm;
}

export function start(options: StartOptions, cb?: Callback<Orm>): Promise<Orm> | undefined {
  return settle(startOrm(options ?? {}), cb);
}

export function stop(orm: Orm, cb?: Callback<void>): Promise<void> | undefined {
  if (!(orm instanceof Orm)) throw new TypeError('`Waterline.stop()` expects the ORM instance returned by `Waterline.start()`.');
  return settle(orm.teardown() ?? Promise.resolve(), cb);
}

export function getModel(identity: string, orm: Orm | Ontology): LiveModel {
  const model = orm.collections[String(identity).toLowerCase()];
  if (!model) {
    throw new ConfigurationError('E_MODEL_NOT_FOUND', `No model with identity \`${identity}\`. Known models: ${Object.keys(orm.collections).join(', ') || '(none)'}.`);
  }
  return model;
}
