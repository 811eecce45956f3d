/**
 * The live model object (`orm.collections.user`): Waterline's properties plus one method per
 * query kind, each returning a chainable, awaitable query (or running at once given a callback).
 */
import { AttributeValidationError } from '../errors/index.js';
import { ModelQuery } from '../query/model-query.js';
import type { MethodName, QueryMeta } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';
import { validateAttributeValue } from '../records/validate-attribute-value.js';
import { attributesView, schemaView } from '../schema/waterline-views.js';
import { parseArguments } from '../methods/arguments.js';
import { runCount, runFind, runFindOne } from '../methods/read-methods.js';
import { runCreate, runCreateEach, runDestroy, runDestroyOne, runUpdate, runUpdateOne } from '../methods/write-methods.js';
import { contextFor, type ModelContext, type Runtime } from './runtime.js';
import type { DatastoreInstance } from '../datastores/datastore-instance.js';

type Runner = (ctx: ModelContext, query: Stage1Query) => Promise<unknown>;

const RUNNERS: Partial<Record<MethodName, Runner>> = {
  find: runFind,
  findOne: runFindOne,
  count: runCount,
  create: runCreate,
  createEach: runCreateEach,
  update: runUpdate,
  updateOne: runUpdateOne,
  destroy: runDestroy,
  destroyOne: runDestroyOne,
};

/** Definition keys that configure the model rather than become properties of it. */
const SETTING_KEYS = new Set([
  'identity', 'globalId', 'tableName', 'datastore', 'primaryKey', 'attributes', 'schema', 'migrate',
  'fetchRecordsOnCreate', 'fetchRecordsOnCreateEach', 'fetchRecordsOnUpdate', 'fetchRecordsOnDestroy',
  'cascadeOnDestroy', 'dontUseObjectIds', 'archiveModelIdentity', 'customToJSON', 'dataEncryptionKeys',
]);

/** A record as returned by queries: attribute name → value. */
export type WaterlineRecord = Record<string, unknown>;
type Cb<T> = (err: Error | null, result?: T, ...extras: unknown[]) => void;

/**
 * A model as Waterline exposes it. Each method returns a chainable query; given a callback,
 * it runs at once and returns nothing.
 */
export interface LiveModel {
  identity: string;
  tableName: string;
  datastore: string;
  primaryKey: string;
  hasSchema: boolean;
  attributes: Record<string, Record<string, unknown>>;
  schema: Record<string, Record<string, unknown>>;
  find(cb: Cb<WaterlineRecord[]>, meta?: QueryMeta): void;
  find(criteria?: unknown, populates?: Record<string, unknown>): ModelQuery<WaterlineRecord[]>;
  find(criteria: unknown, cb: Cb<WaterlineRecord[]>, meta?: QueryMeta): void;
  findOne(criteria: unknown, populates?: Record<string, unknown>): ModelQuery<WaterlineRecord | undefined>;
  findOne(criteria: unknown, cb: Cb<WaterlineRecord | undefined>, meta?: QueryMeta): void;
  count(cb: Cb<number>, meta?: QueryMeta): void;
  count(criteria?: unknown): ModelQuery<number>;
  count(criteria: unknown, cb: Cb<number>, meta?: QueryMeta): void;
  create(newRecord: unknown): ModelQuery<WaterlineRecord | undefined>;
  create(newRecord: unknown, cb: Cb<WaterlineRecord | undefined>, meta?: QueryMeta): void;
  createEach(newRecords: unknown): ModelQuery<WaterlineRecord[] | undefined>;
  createEach(newRecords: unknown, cb: Cb<WaterlineRecord[] | undefined>, meta?: QueryMeta): void;
  update(criteria: unknown, valuesToSet?: unknown): ModelQuery<WaterlineRecord[] | undefined>;
  update(criteria: unknown, valuesToSet: unknown, cb: Cb<WaterlineRecord[] | undefined>, meta?: QueryMeta): void;
  updateOne(criteria: unknown, valuesToSet?: unknown): ModelQuery<WaterlineRecord | undefined>;
  updateOne(criteria: unknown, valuesToSet: unknown, cb: Cb<WaterlineRecord | undefined>, meta?: QueryMeta): void;
  destroy(cb: Cb<WaterlineRecord[] | undefined>, meta?: QueryMeta): void;
  destroy(criteria?: unknown): ModelQuery<WaterlineRecord[] | undefined>;
  destroy(criteria: unknown, cb: Cb<WaterlineRecord[] | undefined>, meta?: QueryMeta): void;
  destroyOne(criteria: unknown): ModelQuery<WaterlineRecord | undefined>;
  destroyOne(criteria: unknown, cb: Cb<WaterlineRecord | undefined>, meta?: QueryMeta): void;
  /** The model's datastore: `sendNativeQuery`, `transaction`, `leaseConnection`. */
  getDatastore(): DatastoreInstance;
  /** Checks and coerces one attribute value as `update` would; throws a plain Error with `code`. */
  validate(attrName: string, value: unknown): unknown;
  /** Custom methods and settings copied from the definition. */
  [custom: string]: unknown;
}

export function buildLiveModel(runtime: Runtime, identity: string): LiveModel {
  const ctx = contextFor(runtime, identity);
  const { model } = ctx;
  const live: Record<string, unknown> = {
    identity: model.identity,
    tableName: model.tableName,
    datastore: model.datastore,
    primaryKey: model.primaryKey,
    hasSchema: model.hasSchema,
    attributes: attributesView(model),
    schema: schemaView(model, runtime.ontology),
  };
  // Custom model methods and settings from the definition come along, as in Waterline.
  for (const [key, value] of Object.entries(model.definition)) {
    if (!SETTING_KEYS.has(key) && !(key in live)) live[key] = value;
  }
  for (const [method, runner] of Object.entries(RUNNERS) as Array<[MethodName, Runner]>) {
    live[method] = (...args: unknown[]) => {
      const parsed = parseArguments(method, args);
      const query = new ModelQuery<unknown>({ method, using: identity, ...parsed.query }, async (q) => ({ value: await runner(ctx, q) }));
      if (!parsed.cb) return query;
      query.exec(parsed.cb);
      return undefined;
    };
  }
  live.getDatastore = (...args: unknown[]) => {
    if (args.length > 0) throw new Error('`getDatastore()` takes no arguments.');
    const instance = runtime.instances[model.datastore];
    if (!instance) throw new Error(`Datastore \`${model.datastore}\` of model \`${model.identity}\` is not available (was the ORM torn down?).`);
    return instance;
  };
  live.validate = (attrName: unknown, value: unknown): unknown => {
    if (typeof attrName !== 'string') {
      throw new TypeError(`\`${model.identity}.validate()\` expects an attribute name (a string) as its first argument.`);
    }
    if (value === undefined || (model.hasSchema && !(attrName in model.attributes))) return undefined;
    const result = validateAttributeValue(model, attrName, value, 'validate', runtime.ontology);
    if (!result.ok) throw new AttributeValidationError(result.problem);
    return result.value;
  };
  return live as LiveModel;
}
