/** The state an initialized ORM shares with every live model and datastore. */
import type { Adapter, DatastoreConfig } from '../adapters/adapter.js';
import type { DatastoreInstance } from '../datastores/datastore-instance.js';
import type { ModelOntology, Ontology } from '../schema/ontology.js';

export interface DatastoreEntry {
  readonly name: string;
  readonly config: DatastoreConfig;
  /** Promise-based adapter Mooring calls. */
  readonly adapter: Adapter;
  /** Identities of the models living here. */
  readonly collections: string[];
}

export interface Runtime {
  readonly ontology: Ontology;
  readonly datastores: Readonly<Record<string, DatastoreEntry>>;
  /** Live model objects by identity (filled after they are built). */
  readonly models: Record<string, unknown>;
  /** Public datastore objects by name (filled after models are built). */
  readonly instances: Record<string, DatastoreInstance>;
}

/** Everything a model method needs about one model. */
export interface ModelContext {
  readonly model: ModelOntology;
  readonly runtime: Runtime;
  readonly datastore: DatastoreEntry;
}

/** The public view of a datastore: `orm.datastores[name]`, `Model.getDatastore()`. */
export type PublicDatastore = DatastoreInstance;

export function contextFor(runtime: Runtime, identity: string): ModelContext {
  const model = runtime.ontology[identity];
  if (!model) throw new Error(`Consistency violation: no model \`${identity}\` in this ORM.`);
  const datastore = runtime.datastores[model.datastore];
  if (!datastore) throw new Error(`Consistency violation: model \`${identity}\` uses unknown datastore \`${model.datastore}\`.`);
  return { model, runtime, datastore };
}
