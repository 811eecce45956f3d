/**
 * `destroy().meta({cascade: true})` / `cascadeOnDestroy` (associations.md §7): the records are
 * destroyed and every plural association of theirs is emptied — junction rows deleted,
 * one-to-many and has-one children's foreign keys set to `null` (children are not deleted) —
 * all in one transaction, so a refused step leaves every record in place.
 */
import { PropagationError } from '../errors/index.js';
import type { PkValue } from '../query/stage2/normalize-collection-args.js';
import type { QueryMeta, RecordData, WhereClause } from '../query/shapes.js';
import type { PluralAssociation } from '../schema/ontology.js';
import type { ModelContext } from '../orm/runtime.js';
import { involvedModels, writeAssociation } from './association-writes.js';
import { inList, innerFind } from './inner-queries.js';
import { inWriteScope } from './write-scope.js';

export async function destroyWithCascade(
  ctx: ModelContext,
  where: WhereClause,
  meta: QueryMeta | undefined,
  destroy: (where: WhereClause, txMeta: QueryMeta | undefined) => Promise<RecordData[] | undefined>,
): Promise<RecordData[] | undefined> {
  const { model } = ctx;
  const plurals = Object.values(model.attributes).filter((a): a is PluralAssociation => a.kind === 'collection');
  const pk = model.primaryKey;
  return inWriteScope(ctx, plurals.flatMap((attr) => involvedModels(ctx, attr)), meta, async (scope) => {
    const found = await innerFind(ctx, where, [pk], scope.innerMeta(ctx));
    const ids = found.map((row) => row[pk] as PkValue);
    // Exactly the records whose associations are cleared below, even if others match by now.
    const destroyed = await destroy(ids.length > 0 ? inList(pk, ids) : where, { ...scope.meta, cascade: false });
    for (const attr of plurals) {
      try {
        await writeAssociation(ctx, attr, 'replace', ids, [], scope);
      } catch (err) {
        if (!(err instanceof PropagationError)) throw err;
        throw new PropagationError(`Failed to run the cascade polyfill for \`${model.identity}.destroy()\`: ${err.message}`, err, { cause: err });
      }
    }
    return destroyed;
  });
}
