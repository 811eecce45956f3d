/**
 * addToCollection, removeFromCollection, replaceCollection: validate (stage 2), then run the
 * whole effect in one transaction. The result is always `undefined`.
 */
import { UsageError } from '../errors/index.js';
import type { Stage1Query } from '../query/stage1.js';
import { normalizeCollectionArgs } from '../query/stage2/normalize-collection-args.js';
import { normalizeMeta } from '../query/stage2/normalize-meta.js';
import type { ModelContext } from '../orm/runtime.js';
import { involvedModels, isExclusive, writeAssociation, type CollectionOp } from './association-writes.js';
import { inWriteScope } from './write-scope.js';

async function runCollectionMethod(ctx: ModelContext, q: Stage1Query, op: CollectionOp): Promise<undefined> {
  const { model, runtime } = ctx;
  const meta = normalizeMeta(q.meta, model, q.method, runtime.ontology);
  const { targets, attr, associatedIds } = normalizeCollectionArgs(model, runtime.ontology, {
    method: q.method,
    targetRecordIds: q.targetRecordIds,
    collectionAttrName: q.collectionAttrName,
    associatedIds: q.associatedIds,
  });
  if (op !== 'remove' && targets.length > 1 && associatedIds.length > 0 && isExclusive(attr)) {
    throw new UsageError(
      'E_INVALID_TARGET_RECORD_IDS',
      `\`${model.identity}.${q.method}()\`: a \`${attr.collection}\` record can belong to only one \`${model.identity}\` through ` +
        `\`${attr.name}\`, so give one target record id (got ${targets.length}).`,
      model.identity,
    );
  }
  // No-ops, after every argument was checked (so mistakes still show on empty inputs).
  if (targets.length === 0 || (associatedIds.length === 0 && op !== 'replace')) return undefined;
  await inWriteScope(ctx, involvedModels(ctx, attr), meta, (scope) => writeAssociation(ctx, attr, op, targets, associatedIds, scope));
  return undefined;
}

export const runAddToCollection = (ctx: ModelContext, q: Stage1Query): Promise<undefined> => runCollectionMethod(ctx, q, 'add');
export const runRemoveFromCollection = (ctx: ModelContext, q: Stage1Query): Promise<undefined> => runCollectionMethod(ctx, q, 'remove');
export const runReplaceCollection = (ctx: ModelContext, q: Stage1Query): Promise<undefined> => runCollectionMethod(ctx, q, 'replace');
