/**
 * The ORM object, shaped like Waterline's: `new Waterline()` (or without `new`), then
 * `registerModel`, `initialize(options, cb)` and `teardown(cb)`; plus the statics
 * `Collection.extend`/`Model.extend`, `start`, `stop` and `getModel`.
 */
import { ConfigurationError } from '../errors/index.js';
import { loadModelsFolder } from '../schema/load-models-folder.js';
import { definitionOf, type ModelDefinition } from './collection.js';
import { initializeOrm, teardownOrm, type Initialized, type InitializeOptions } from './initialize.js';
import type { LiveModel } from './live-model.js';
import type { PublicDatastore } from './runtime.js';

type Callback<T> = (err: Error | null, result?: T) => void;

/** What `initialize` resolves with (and passes to its callback): `{collections, datastores}`. */
export interface Ontology {
  collections: Record<string, LiveModel>;
  datastores: Record<string, PublicDatastore>;
}

function settle<T>(promise: Promise<T>, cb: Callback<T> | undefined): Promise<T> | undefined {
  if (!cb) return promise;
  promise.then(
    (result) => cb(null, result),
    (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
  );
  return undefined;
}

export class Orm {
  readonly #definitions: ModelDefinition[] = [];
  #state: Initialized | undefined;
  #initializing = false;
  collections: Record<string, LiveModel> = {};
  datastores: Record<string, PublicDatastore> = {};

  /** Queues a model made with `Waterline.Model.extend({…})`. */
  registerModel(model: unknown): void {
    if (this.#initializing || this.#state) throw new Error('Models must be registered before `initialize()`.');
    this.#definitions.push(definitionOf(model));
  }

  /**
   * Registers every model file of a Sails-style folder (`api/models/Pet.js` → identity `pet`).
   * Resolves with the identities registered.
   */
  async loadModels(folder: string): Promise<string[]> {
    const entries = await loadModelsFolder(folder);
    for (const entry of entries) this.registerModel({ identity: entry.identity, ...entry.def });
    return entries.map((entry) => entry.identity ?? '');
  }

  /** Deprecated alias of `registerModel`, kept for older code. */
  loadCollection(model: unknown): void {
    this.registerModel(model);
  }

  initialize(options?: InitializeOptions, cb?: Callback<Ontology>): Promise<Ontology> | undefined {
    return settle(this.#initialize(options), cb);
  }

  async #initialize(options: InitializeOptions | undefined): Promise<Ontology> {
    if (this.#initializing || this.#state) {
      throw new ConfigurationError('E_ALREADY_INITIALIZED', 'This ORM has already been initialized; an ORM instance cannot be initialized more than once.');
    }
    this.#initializing = true;
    try {
      this.#state = await initializeOrm(this.#definitions, options);
    } finally {
      this.#initializing = false;
    }
    this.collections = this.#state.collections;
    this.datastores = this.#state.datastores;
    return { collections: this.collections, datastores: this.datastores };
  }

  /** A datastore by name (default `default`): `sendNativeQuery`, `transaction`, `leaseConnection`. */
  getDatastore(name = 'default'): PublicDatastore {
    const datastore = this.datastores[name];
    if (!datastore) {
      throw new ConfigurationError('E_UNKNOWN_DATASTORE', `No datastore named \`${name}\`. Configured: ${Object.keys(this.datastores).join(', ') || '(none; call initialize first)'}.`);
    }
    return datastore;
  }

  /** Closes every datastore connection. Safe to call more than once. */
  teardown(cb?: Callback<void>): Promise<void> | undefined {
    const state = this.#state;
    this.#state = undefined;
    return settle(state ? teardownOrm(state.runtime) : Promise.resolve(), cb);
  }
}
