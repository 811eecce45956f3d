/** Lifts an ORM on a test datastore from plain model definitions, the way apps do. */
import Waterline from '../../dist/index.js';
import type { LiveModel } from '../../dist/index.js';
import type { TestDatastore } from './datastores.js';

export interface Lifted {
  models: Record<string, LiveModel>;
  teardown: () => Promise<void>;
}

export async function lift(
  datastore: TestDatastore,
  definitions: Record<string, Record<string, unknown>>,
  options: { defaults?: Record<string, unknown>; adapters?: Record<string, unknown> } = {},
): Promise<Lifted> {
  const orm = new Waterline();
  for (const [identity, def] of Object.entries(definitions)) {
    orm.registerModel(Waterline.Model.extend({ identity, migrate: 'drop', ...def }));
  }
  const ontology = await orm.initialize({
    datastores: { default: datastore.config as { adapter: string } },
    ...(options.defaults ? { defaults: options.defaults } : {}),
    ...(options.adapters ? { adapters: options.adapters } : {}),
  });
  return { models: ontology!.collections, teardown: async () => void (await orm.teardown()) };
}

/** A model method call through the untyped Waterline surface. */
export type Call = <T = unknown>(model: LiveModel, method: string, ...args: unknown[]) => Query<T>;
export interface Query<T> extends PromiseLike<T> {
  [modifier: string]: unknown;
}
