/**
 * `orm.initialize(options)`: validate options, resolve adapters, build the ontology, register
 * datastores, migrate tables and build the live models.
 */
import type { DatastoreConfig, PhysicalModel } from '../adapters/adapter.js';
import type { CallbackAdapter } from '../adapters/waterline/callback-adapter.js';
import { toWaterlineAdapter } from '../adapters/waterline/to-waterline.js';
import { ConfigurationError } from '../errors/index.js';
import { DEFAULT_DATASTORE } from '../datastores/builtin-adapter-loaders.js';
import { resolveAdapter, type ResolvedAdapter } from '../datastores/resolve-adapter.js';
import { buildDatastoreInstance } from '../datastores/datastore-instance.js';
import { buildOntology } from '../schema/build-ontology.js';
import { mergeDefaults, MOORING_DEFAULT_MODEL_SETTINGS } from '../schema/merge-defaults.js';
import { primaryKeyOf, type Ontology } from '../schema/ontology.js';
import { tableDefinitionOf } from '../schema/table-definition.js';
import { schemaView } from '../schema/waterline-views.js';
import type { ModelDefinition } from './collection.js';
import { autoMigrate } from './auto-migrate.js';
import { buildLiveModel, type LiveModel } from './live-model.js';
import type { DatastoreEntry, PublicDatastore, Runtime } from './runtime.js';

export interface InitializeOptions {
  adapters?: Record<string, unknown>;
  datastores?: Record<string, Partial<DatastoreConfig>>;
  /** App-wide model settings (Sails' `config/models.js`), merged under every model. */
  defaults?: Record<string, unknown>;
}

export interface Initialized {
  collections: Record<string, LiveModel>;
  datastores: Record<string, PublicDatastore>;
  runtime: Runtime;
}

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readOptions(options: unknown): Required<Pick<InitializeOptions, 'adapters' | 'datastores'>> & InitializeOptions {
  if (options === undefined) return { adapters: {}, datastores: { default: { ...DEFAULT_DATASTORE } } };
  if (!isDict(options)) throw new ConfigurationError('E_INVALID_OPTIONS', '`initialize()` expects an options dictionary: `{adapters, datastores, defaults}`.');
  const { adapters = {}, defaults } = options as InitializeOptions;
  let datastores: unknown = (options as InitializeOptions).datastores;
  if (datastores === undefined && isDict((options as { connections?: unknown }).connections)) {
    console.warn('Mooring: `connections` is the pre-1.0 name; use `datastores`.');
    datastores = (options as { connections: unknown }).connections;
  }
  if (!isDict(adapters)) throw new ConfigurationError('E_INVALID_OPTIONS', '`adapters` must be a dictionary of adapter objects, keyed by the name datastores use.');
  if (datastores !== undefined && !isDict(datastores)) throw new ConfigurationError('E_INVALID_OPTIONS', '`datastores` must be a dictionary of datastore configurations, e.g. `{ default: { adapter: "sqlite" } }`.');
  if (defaults !== undefined && !isDict(defaults)) throw new ConfigurationError('E_INVALID_OPTIONS', '`defaults` must be a dictionary of model settings.');
  const configured = datastores && Object.keys(datastores).length > 0 ? (datastores as Record<string, Partial<DatastoreConfig>>) : { default: { ...DEFAULT_DATASTORE } };
  return { adapters, datastores: configured, ...(defaults ? { defaults } : {}) };
}

function physicalModels(ontology: Ontology, identities: readonly string[]): Record<string, PhysicalModel> {
  const out: Record<string, PhysicalModel> = {};
  for (const identity of identities) {
    const model = ontology[identity];
    if (!model) continue;
    out[identity] = {
      identity,
      tableName: model.tableName,
      primaryKey: primaryKeyOf(model).columnName,
      definition: tableDefinitionOf(model),
      waterline: { identity, tableName: model.tableName, primaryKey: model.primaryKey, definition: schemaView(model, ontology) },
    };
  }
  return out;
}

export async function initializeOrm(definitions: readonly ModelDefinition[], rawOptions: unknown): Promise<Initialized> {
  const options = readOptions(rawOptions);
  const cache = new Map<string, ResolvedAdapter>();
  const resolved: Record<string, { config: DatastoreConfig; resolved: ResolvedAdapter }> = {};
  for (const [name, raw] of Object.entries(options.datastores)) {
    if (!isDict(raw)) throw new ConfigurationError('E_INVALID_DATASTORE', `Datastore \`${name}\` must be a dictionary such as \`{ adapter: "sqlite" }\`.`);
    const adapter = await resolveAdapter(name, raw.adapter, options.adapters, cache);
    resolved[name] = { config: { ...(adapter.adapter.defaults ?? {}), ...raw } as DatastoreConfig, resolved: adapter };
  }

  const defaults = options.defaults ?? MOORING_DEFAULT_MODEL_SETTINGS;
  const ontology = buildOntology(
    definitions.map((def) => ({ def: mergeDefaults(def, defaults) })),
    { datastoreNames: Object.keys(resolved), defaults },
  );

  const entries: Record<string, DatastoreEntry> = {};
  for (const [name, { config, resolved: r }] of Object.entries(resolved)) {
    entries[name] = { name, config, adapter: r.adapter, collections: Object.keys(ontology).filter((id) => ontology[id]?.datastore === name) };
  }
  const runtime: Runtime = { ontology, datastores: entries, models: {}, instances: {} };

  for (const entry of Object.values(entries)) {
    await entry.adapter.registerDatastore({ ...entry.config, identity: entry.name }, physicalModels(ontology, entry.collections));
  }
  try {
    await autoMigrate(runtime);
  } catch (error) {
    // A refused or failed migration must not leave connections (or database files) open.
    await teardownOrm(runtime).catch(() => undefined);
    throw error;
  }

  const collections: Record<string, LiveModel> = {};
  for (const identity of Object.keys(ontology)) {
    const live = buildLiveModel(runtime, identity);
    collections[identity] = live;
    runtime.models[identity] = live;
  }
  const waterlineForms = new Map<ResolvedAdapter, CallbackAdapter>();
  const datastores: Record<string, PublicDatastore> = {};
  for (const [name, { config, resolved: r }] of Object.entries(resolved)) {
    let form = r.given ?? waterlineForms.get(r);
    if (!form) {
      form = toWaterlineAdapter(r.adapter);
      waterlineForms.set(r, form);
    }
    if (!r.given && form.datastores) form.datastores[name] = { config };
    const entry = entries[name];
    if (!entry) continue;
    datastores[name] = buildDatastoreInstance(entry, form);
    runtime.instances[name] = datastores[name];
  }
  return { collections, datastores, runtime };
}

/** Closes every datastore's connections. */
export async function teardownOrm(runtime: Runtime): Promise<void> {
  for (const entry of Object.values(runtime.datastores)) await entry.adapter.teardown(entry.name);
}
