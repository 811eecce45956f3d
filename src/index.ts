/**
 * Mooring's public entry. `import Waterline from 'mooring'` and `require('mooring')` both give
 * the ORM constructor itself, as `require('waterline')` does, with the Waterline statics and
 * Mooring's error classes attached.
 */
import { extend } from './orm/collection.js';
import { Orm } from './orm/waterline.js';
import { getModel, start, stop } from './orm/statics.js';
import { AdapterError, AttributeValidationError, ConfigurationError, DefinitionError, UsageError } from './errors/index.js';
import { toWaterlineAdapter } from './adapters/waterline/to-waterline.js';
import { createSqliteAdapter } from './adapters/sqlite/index.js';

export interface WaterlineConstructor {
  new (): Orm;
  (): Orm;
  readonly prototype: Orm;
  readonly Collection: { extend: typeof extend };
  readonly Model: { extend: typeof extend };
  readonly start: typeof start;
  readonly stop: typeof stop;
  readonly getModel: typeof getModel;
  readonly Orm: typeof Orm;
  readonly UsageError: typeof UsageError;
  readonly AdapterError: typeof AdapterError;
  readonly DefinitionError: typeof DefinitionError;
  readonly ConfigurationError: typeof ConfigurationError;
  readonly AttributeValidationError: typeof AttributeValidationError;
  readonly adapters: { readonly sqlite: () => ReturnType<typeof toWaterlineAdapter> };
}

// A plain function so that both `new Waterline()` and `Waterline()` work, as in Waterline.
const Waterline = function Waterline(): Orm {
  return new Orm();
} as unknown as WaterlineConstructor;

Object.assign(Waterline, {
  Collection: { extend },
  Model: { extend },
  start,
  stop,
  getModel,
  Orm,
  UsageError,
  AdapterError,
  DefinitionError,
  ConfigurationError,
  AttributeValidationError,
  adapters: { sqlite: () => toWaterlineAdapter(createSqliteAdapter()) },
});
Object.defineProperty(Waterline, 'prototype', { value: Orm.prototype });

export default Waterline;
export { Waterline, Waterline as 'module.exports' };
export { Orm, extend, start, stop, getModel };
export { UsageError, AdapterError, DefinitionError, ConfigurationError, AttributeValidationError };
export type { Ontology } from './orm/waterline.js';
export type { InitializeOptions } from './orm/initialize.js';
export type { LiveModel, WaterlineRecord } from './orm/live-model.js';
export type { Adapter, DatastoreConfig, TableDefinition } from './adapters/adapter.js';
