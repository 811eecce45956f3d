/**
 * The live model object (`orm.collections.user`): Waterline's properties plus one method per
 * query kind, each returning a chainable, awaitable query (or running at once given a callback).
 */
import { AttributeValidationError } from '../errors/index.js';
import { ModelQuery } from '../query/model-query.js';
import type { Outcome } from '../query/deferred.js';
import type { MethodName, QueryMeta } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';
import { validateAttributeValue } from '../records/validate-attribute-value.js';
import { encryptValue } from '../records/encryption.js';
import { attributesView, schemaView } from '../schema/waterline-views.js';
import { parseArguments } from '../methods/arguments.js';
import { runCount, runFind, runFindOne } from '../methods/read-methods.js';
import { runAvg, runSum } from '../methods/aggregate-methods.js';
import { runArchive, runArchiveOne } from '../methods/archive.js';
import { runFindOrCreate } from '../methods/find-or-create.js';
import { runStream } from '../methods/stream.js';
import { runAddToCollection, runRemoveFromCollection, runReplaceCollection } from '../methods/collection-methods.js';
import { runCreate, runCreateEach, runDestroy, runDestroyOne, runUpdate, runUpdateOne } from '../methods/write-methods.js';
import { contextFor, type ModelContext, type Runtime } from './runtime.js';
import type { DatastoreInstance } from '../datastores/datastore-instance.js';

type Runner = (ctx: ModelContext, query: Stage1Query) => Promise<unknown>;
type OutcomeRunner = (ctx: ModelContext, query: Stage1Query) => Promise<Outcome<unknown>>;

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
  sum: runSum,
  avg: runAvg,
  stream: runStream,
  archive: runArchive,
  archiveOne: runArchiveOne,
  addToCollection: runAddToCollection,
  removeFromCollection: runRemoveFromCollection,
  replaceCollection: runReplaceCollection,
};

/** Runners whose callback gets more than the result (findOrCreate's `wasCreated`). */
const OUTCOME_RUNNERS: Partial<Record<MethodName, OutcomeRunner>> = {
  findOrCreate: runFindOrCreate,
};

const withValue = (runner: Runner): OutcomeRunner => async (ctx, q) => ({ value: await runner(ctx, q) });

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
  /** The one matching record, or a new one (atomically); the callback's third argument is `wasCreated`. */
  findOrCreate(criteria: unknown, newRecord?: unknown): ModelQuery<WaterlineRecord>;
  findOrCreate(criteria: unknown, newRecord: unknown, cb: Cb<WaterlineRecord>, meta?: QueryMeta): void;
  /** Sum of a `number` attribute over the matching records (0 when none match). */
  sum(numericAttrName: string, cb: Cb<number>, meta?: QueryMeta): void;
  sum(numericAttrName: string, criteria?: unknown): ModelQuery<number>;
  sum(numericAttrName: string, criteria: unknown, cb: Cb<number>, meta?: QueryMeta): void;
  /** Average of a `number` attribute over the matching records (0 when none match). */
  avg(numericAttrName: string, cb: Cb<number>, meta?: QueryMeta): void;
  avg(numericAttrName: string, criteria?: unknown): ModelQuery<number>;
  avg(numericAttrName: string, criteria: unknown, cb: Cb<number>, meta?: QueryMeta): void;
  /** Feeds matching records to `.eachRecord(fn)` or `.eachBatch([size,] fn)`, a batch at a time (keyset-paged). */
  stream(criteria?: unknown, eachRecordFn?: (record: WaterlineRecord, next?: (err?: unknown) => void) => unknown): ModelQuery<undefined>;
  stream(criteria: unknown, eachRecordFn: ((record: WaterlineRecord, next?: (err?: unknown) => void) => unknown) | undefined, cb: Cb<undefined>, meta?: QueryMeta): void;
  /** Moves the matching records into the archive model and destroys them, in one transaction. */
  archive(cb: Cb<WaterlineRecord[] | undefined>, meta?: QueryMeta): void;
  archive(criteria?: unknown): ModelQuery<WaterlineRecord[] | undefined>;
  archive(criteria: unknown, cb: Cb<WaterlineRecord[] | undefined>, meta?: QueryMeta): void;
  archiveOne(criteria: unknown): ModelQuery<WaterlineRecord | undefined>;
  archiveOne(criteria: unknown, cb: Cb<WaterlineRecord | undefined>, meta?: QueryMeta): void;
  /** Links children to the target records (junction rows, or the children's foreign key); idempotent. */
  addToCollection(targetRecordIds: unknown, collectionAttrName: string, associatedIds?: unknown): ModelQuery<undefined>;
  addToCollection(targetRecordIds: unknown, collectionAttrName: string, associatedIds: unknown, cb: Cb<undefined>, meta?: QueryMeta): void;
  /** Unlinks children from the target records (junction rows deleted, or foreign keys nulled). */
  removeFromCollection(targetRecordIds: unknown, collectionAttrName: string, associatedIds?: unknown): ModelQuery<undefined>;
  removeFromCollection(targetRecordIds: unknown, collectionAttrName: string, associatedIds: unknown, cb: Cb<undefined>, meta?: QueryMeta): void;
  /** Makes the target records' collection exactly `associatedIds` (`[]` empties it). */
  replaceCollection(targetRecordIds: unknown, collectionAttrName: string, associatedIds?: unknown): ModelQuery<undefined>;
  replaceCollection(targetRecordIds: unknown, collectionAttrName: string, associatedIds: unknown, cb: Cb<undefined>, meta?: QueryMeta): void;
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
  const runners = [
    ...(Object.entries(RUNNERS) as Array<[MethodName, Runner]>).map(([method, runner]) => [method, withValue(runner)] as const),
    ...(Object.entries(OUTCOME_RUNNERS) as Array<[MethodName, OutcomeRunner]>),
  ];
  for (const [method, runner] of runners) {
    live[method] = (...args: unknown[]) => {
      const parsed = parseArguments(method, args);
      const query = new ModelQuery<unknown>({ method, using: identity, ...parsed.query }, (q) => runner(ctx, q));
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
    // As `update` would store it: encrypted when the attribute encrypts.
    const attr = model.attributes[attrName];
    return attr?.kind === 'scalar' && attr.encrypt ? encryptValue(model, result.value) : result.value;
  };
  return live as LiveModel;
}
