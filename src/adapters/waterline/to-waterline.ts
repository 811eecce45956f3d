/**
 * Exposes a Mooring adapter with Waterline's callback API (v1), so it can be handed to
 * Waterline itself or to Waterline tooling such as waterline-utils' auto-migrations.
 */
import type { Adapter, DatastoreConfig, PhysicalModel, TableDefinition } from '../adapter.js';
import type { QueryMeta, Stage3Query } from '../../query/shapes.js';
import type { Callback, CallbackAdapter } from './callback-adapter.js';

function settle(promise: Promise<unknown>, cb: Callback): void {
  promise.then(
    (result) => cb(undefined, result),
    (err: unknown) => cb(err),
  );
}

/** Waterline hands `registerDatastore` its models as `{identity, tableName, primaryKey, definition}`. */
function physicalModels(models: Record<string, unknown>): Record<string, PhysicalModel> {
  const out: Record<string, PhysicalModel> = {};
  for (const [identity, raw] of Object.entries(models)) {
    const model = raw as { tableName?: string; primaryKey: string; definition: Record<string, Record<string, unknown>> };
    const definition: TableDefinition = {};
    let pkColumn = model.primaryKey;
    for (const [attrName, attr] of Object.entries(model.definition)) {
      if ('collection' in attr) continue;
      const columnName = typeof attr.columnName === 'string' ? attr.columnName : attrName;
      const hints = (attr.autoMigrations ?? {}) as { columnType?: string; unique?: boolean; autoIncrement?: boolean };
      definition[columnName] = {
        columnType: hints.columnType ?? `_${String(attr.type ?? 'string')}`,
        unique: hints.unique ?? false,
        autoIncrement: hints.autoIncrement ?? false,
        ...(attrName === model.primaryKey ? { primaryKey: true } : {}),
      };
      if (attrName === model.primaryKey) pkColumn = columnName;
    }
    out[identity] = { identity, tableName: model.tableName ?? identity, primaryKey: pkColumn, definition };
  }
  return out;
}

export function toWaterlineAdapter(adapter: Adapter): CallbackAdapter {
  const query = (method: 'create' | 'createEach' | 'find' | 'update' | 'destroy' | 'count' | 'sum' | 'avg') =>
    (ds: string, q: Stage3Query, cb: Callback) => settle(adapter[method](ds, q), cb);
  const datastores: Record<string, unknown> = {};
  const out: CallbackAdapter = {
    identity: adapter.identity,
    adapterApiVersion: 1,
    defaults: { ...(adapter.defaults ?? {}) },
    datastores,
    registerDatastore(config: Record<string, unknown>, models: Record<string, unknown>, cb: Callback) {
      const name = String(config.identity);
      datastores[name] = { config };
      settle(adapter.registerDatastore(config as DatastoreConfig & { identity: string }, physicalModels(models)), cb);
    },
    teardown(ds: string | null, cb: Callback) {
      if (ds === null) for (const key of Object.keys(datastores)) delete datastores[key];
      else delete datastores[ds];
      settle(adapter.teardown(ds), cb);
    },
    create: query('create'),
    createEach: query('createEach'),
    find: query('find'),
    update: query('update'),
    destroy: query('destroy'),
    count: query('count'),
    sum: query('sum'),
    avg: query('avg'),
    define: (ds: string, table: string, def: TableDefinition, cb: Callback, meta?: QueryMeta) =>
      settle(adapter.define(ds, table, def, meta), cb),
    drop: (ds: string, table: string, _relations: unknown, cb: Callback, meta?: QueryMeta) => settle(adapter.drop(ds, table, meta), cb),
  };
  if (adapter.join) {
    const join = adapter.join.bind(adapter);
    out.join = (ds: string, q: Stage3Query, cb: Callback) => settle(join(ds, q), cb);
  }
  if (adapter.setSequence) {
    const setSequence = adapter.setSequence.bind(adapter);
    out.setSequence = (ds: string, name: string, value: number, cb: Callback, meta?: QueryMeta) =>
      settle(setSequence(ds, name, value, meta), cb);
  }
  return out;
}
