/**
 * Runs an existing Waterline adapter (sails-disk, sails-postgresql, …) under Mooring by
 * turning its callback methods into the promise-based `Adapter` interface.
 */
import type { Adapter, PhysicalModel, TableDefinition } from '../adapter.js';
import type { QueryMeta, RecordData, Stage3Query } from '../../query/shapes.js';
import type { Callback, CallbackAdapter } from './callback-adapter.js';

function call<T>(adapter: CallbackAdapter, method: string, args: unknown[]): Promise<T> {
  const fn = adapter[method];
  if (typeof fn !== 'function') {
    return Promise.reject(new Error(`The adapter \`${adapter.identity ?? 'unknown'}\` does not implement \`${method}\`.`));
  }
  return new Promise<T>((resolve, reject) => {
    const cb: Callback = (err, result) => (err ? reject(err) : resolve(result as T));
    // Some adapters take meta after the callback (define, drop, setSequence).
    const callbackAt = args.findIndex((a) => a === CALLBACK);
    const finalArgs = callbackAt >= 0 ? args.map((a) => (a === CALLBACK ? cb : a)) : [...args, cb];
    (fn as (...a: unknown[]) => void).apply(adapter, finalArgs);
  });
}

const CALLBACK = Symbol('callback');

export function fromWaterlineAdapter(adapter: CallbackAdapter, key: string): Adapter {
  const query = <T>(method: string) => (ds: string, q: Stage3Query) => call<T>(adapter, method, [ds, q]);
  const wrapped: Adapter = {
    identity: adapter.identity ?? key,
    ...(adapter.defaults ? { defaults: adapter.defaults } : {}),
    registerDatastore(config, models: Record<string, PhysicalModel>) {
      const waterlineModels: Record<string, unknown> = {};
      for (const [identity, model] of Object.entries(models)) {
        waterlineModels[identity] = model.waterline ?? {
          identity,
          tableName: model.tableName,
          primaryKey: model.primaryKey,
          definition: model.definition,
        };
      }
      return call<void>(adapter, 'registerDatastore', [config, waterlineModels]);
    },
    teardown: (ds) => call<void>(adapter, 'teardown', [ds]),
    create: query<RecordData | undefined>('create'),
    createEach: query<RecordData[] | undefined>('createEach'),
    find: query<RecordData[]>('find'),
    update: query<RecordData[] | undefined>('update'),
    destroy: query<RecordData[] | undefined>('destroy'),
    count: query<number>('count'),
    sum: query<number>('sum'),
    avg: query<number>('avg'),
    define: (ds: string, table: string, def: TableDefinition, meta?: QueryMeta) =>
      call<void>(adapter, 'define', [ds, table, def, CALLBACK, meta]),
    drop: (ds: string, table: string, meta?: QueryMeta) => call<void>(adapter, 'drop', [ds, table, undefined, CALLBACK, meta]),
  };
  if (typeof adapter.join === 'function') {
    // Join instructions are shared between queries (forge-joins.ts); a sails-* adapter may mutate its copy.
    wrapped.join = (ds, q) => call<RecordData[]>(adapter, 'join', [ds, q.joins ? { ...q, joins: structuredClone(q.joins) } : q]);
  }
  if (typeof adapter.setSequence === 'function') {
    wrapped.setSequence = (ds, name, value, meta) => call<void>(adapter, 'setSequence', [ds, name, value, CALLBACK, meta]);
  }
  return wrapped;
}
