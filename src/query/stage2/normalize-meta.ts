/**
 * Stage 2 `meta`: the keys Waterline checks (queries.md §9), plus model settings folded in
 * (`fetchRecordsOn*` → `fetch`, `cascadeOnDestroy` → `cascade`, `dontUseObjectIds` →
 * `modelsNotUsingObjectIds`). Unknown keys pass through to adapters untouched.
 */
import type { ModelOntology, ModelSettings, Ontology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import type { MethodName, QueryMeta } from '../shapes.js';
import { isDictionary, isSafeNaturalNumber } from './plain.js';
import { invalidMeta } from './problems.js';

const BOOLEAN_KEYS = ['fetch', 'mutateArgs', 'decrypt', 'skipEncryption'] as const;

type FetchSetting = keyof Pick<ModelSettings, 'fetchRecordsOnCreate' | 'fetchRecordsOnCreateEach' | 'fetchRecordsOnUpdate' | 'fetchRecordsOnDestroy'>;

const FETCH_SETTING: Partial<Record<MethodName, FetchSetting>> = {
  create: 'fetchRecordsOnCreate',
  createEach: 'fetchRecordsOnCreateEach',
  update: 'fetchRecordsOnUpdate',
  destroy: 'fetchRecordsOnDestroy',
};

/**
 * Validates `meta` for `method` on `model` (throwing `UsageError` `E_INVALID_META`) and returns
 * a new meta with model settings folded in, or `undefined` when there is nothing to carry.
 * Explicit meta keys win over model settings.
 */
export function normalizeMeta(meta: unknown, model: ModelOntology, method: MethodName, ontology: Ontology): QueryMeta | undefined {
  if (meta !== undefined) checkMeta(meta, model, method);
  const normalized: QueryMeta = isDictionary(meta) ? { ...meta } : {};

  const fetchSetting = FETCH_SETTING[method];
  if (fetchSetting !== undefined && model.settings[fetchSetting] && normalized.fetch === undefined) normalized.fetch = true;
  // destroyOne is a destroy too (Waterline runs it through `destroy`), so the setting applies.
  if ((method === 'destroy' || method === 'destroyOne') && model.settings.cascadeOnDestroy && normalized.cascade === undefined) normalized.cascade = true;

  // Only set when some model opts out, so non-Mongo adapters never see the key.
  const notUsingObjectIds = Object.values(ontology).filter((each) => each.settings.dontUseObjectIds).map((each) => each.identity);
  if (notUsingObjectIds.length > 0) normalized.modelsNotUsingObjectIds = notUsingObjectIds;

  return meta === undefined && Object.keys(normalized).length === 0 ? undefined : normalized;
}

function checkMeta(meta: unknown, model: ModelOntology, method: MethodName): asserts meta is Readonly<Record<string, unknown>> {
  if (!isDictionary(meta)) {
    throw invalidMeta(model, `\`meta\` must be a dictionary, but got ${describeValue(meta)}.`);
  }
  for (const key of BOOLEAN_KEYS) {
    if (meta[key] !== undefined && typeof meta[key] !== 'boolean') {
      throw invalidMeta(model, `\`${key}\` must be \`true\` or \`false\`, but got ${describeValue(meta[key])}.`);
    }
  }
  if (meta.fetch !== undefined && method === 'findOrCreate') {
    throw invalidMeta(model, '`fetch` cannot be used with `findOrCreate`, which always returns the found or created record.');
  }
  if (meta.encryptWith !== undefined && (typeof meta.encryptWith !== 'string' || meta.encryptWith === '')) {
    throw invalidMeta(model, `\`encryptWith\` must be a non-empty string (the name of a data encryption key), but got ${describeValue(meta.encryptWith)}.`);
  }
  if (meta.batchSize !== undefined) {
    if (method !== 'stream') throw invalidMeta(model, `\`batchSize\` can only be used with \`stream\`, not \`${method}\`.`);
    if (!isSafeNaturalNumber(meta.batchSize)) {
      throw invalidMeta(model, `\`batchSize\` must be a positive safe integer, but got ${describeValue(meta.batchSize)}.`);
    }
  }
}
