/**
 * Collection values given to create / createEach (link each new record) and update (replace
 * the collection of every updated record), associations.md §5. The row writes and the
 * association writes run in one transaction, and plural values force `fetch` (as in Waterline).
 */
import { UsageError } from '../errors/index.js';
import type { PkValue } from '../query/stage2/normalize-collection-args.js';
import type { QueryMeta, RecordData, WhereClause } from '../query/shapes.js';
import type { NormalizedRecord } from '../records/new-record.js';
import type { PluralAssociation } from '../schema/ontology.js';
import type { ModelContext } from '../orm/runtime.js';
import { involvedModels, isExclusive, writeAssociation } from './association-writes.js';
import { innerCount } from './inner-queries.js';
import { inWriteScope } from './write-scope.js';

type PluralValues = Readonly<Record<string, readonly unknown[]>>;

function pluralAttr(ctx: ModelContext, name: string): PluralAssociation {
  const attr = ctx.model.attributes[name];
  if (attr?.kind !== 'collection') throw new Error(`Consistency violation: \`${ctx.model.identity}.${name}\` is not a plural association.`);
  return attr;
}

function involved(ctx: ModelContext, names: Iterable<string>): ModelContext[] {
  return [...names].flatMap((name) => involvedModels(ctx, pluralAttr(ctx, name)));
}

/** create/createEach: some record links something, so the insert must be followed by links. */
export function hasLinks(records: readonly NormalizedRecord[]): boolean {
  return records.some((r) => Object.values(r.pluralValues).some((ids) => ids.length > 0));
}

/** update: any plural key given (even `[]`) replaces that collection. */
export function hasReplacements(pluralValues: PluralValues): boolean {
  return Object.keys(pluralValues).length > 0;
}

/**
 * Inserts (through `insert`, which returns the created records in order) and links every
 * non-empty plural value of each new record, all in one transaction.
 */
export async function createWithLinks(
  ctx: ModelContext,
  records: readonly NormalizedRecord[],
  meta: QueryMeta | undefined,
  insert: (txMeta: QueryMeta | undefined) => Promise<RecordData[]>,
): Promise<RecordData[]> {
  const names = new Set(records.flatMap((r) => Object.keys(r.pluralValues).filter((name) => (r.pluralValues[name] ?? []).length > 0)));
  const pk = ctx.model.primaryKey;
  return inWriteScope(ctx, involved(ctx, names), meta, async (scope) => {
    const created = await insert(scope.meta);
    if (created.length !== records.length) {
      throw new Error(`Consistency violation: \`${ctx.model.identity}\` created ${created.length} record(s) for ${records.length} new record(s).`);
    }
    for (const [i, record] of records.entries()) {
      // A pk the caller chose identifies its row even if the adapter reordered them.
      const given = record.record[pk];
      const row = given === null || given === undefined ? created[i] : created.find((c) => c[pk] === given) ?? created[i];
      for (const name of names) {
        const ids = (record.pluralValues[name] ?? []) as PkValue[];
        // From an empty start, "replace" links exactly these (and clears links a reused id left behind).
        if (ids.length > 0) await writeAssociation(ctx, pluralAttr(ctx, name), 'replace', [row?.[pk] as PkValue], ids, scope);
      }
    }
    return created;
  });
}

/**
 * Updates (through `update`, which returns the updated records) and replaces each given
 * collection for all of them, in one transaction. An exclusive association can't give the same
 * children to several records: that is refused before anything is written (`atMostOne` when
 * the caller already made sure, as updateOne does).
 */
export async function updateWithReplacements(
  ctx: ModelContext,
  where: WhereClause,
  pluralValues: PluralValues,
  meta: QueryMeta | undefined,
  update: (txMeta: QueryMeta | undefined) => Promise<RecordData[]>,
  atMostOne = false,
): Promise<RecordData[]> {
  const names = Object.keys(pluralValues);
  const single = names.map((name) => pluralAttr(ctx, name)).filter((attr) => isExclusive(attr) && (pluralValues[attr.name] ?? []).length > 0);
  const pk = ctx.model.primaryKey;
  return inWriteScope(ctx, involved(ctx, names), meta, async (scope) => {
    const first = single[0];
    if (first && !atMostOne) {
      const matches = await innerCount(ctx, where, scope.innerMeta(ctx));
      if (matches > 1) throw tooManyTargets(ctx, first, matches);
    }
    const updated = await update(scope.meta);
    // Re-checked on what was written: a concurrent insert may have added a match since the count.
    if (first && updated.length > 1) throw tooManyTargets(ctx, first, updated.length);
    const targets = updated.map((record) => record[pk] as PkValue);
    for (const name of names) {
      await writeAssociation(ctx, pluralAttr(ctx, name), 'replace', targets, (pluralValues[name] ?? []) as PkValue[], scope);
    }
    return updated;
  });
}

function tooManyTargets(ctx: ModelContext, attr: PluralAssociation, count: number): UsageError {
  const { identity } = ctx.model;
  if (attr.hasOne) {
    return new UsageError(
      'E_INVALID_VALUES_TO_SET',
      `Could not update \`${identity}\` records: \`${attr.name}\` is a has-one association, so one \`${attr.collection}\` cannot be given to ` +
        `the ${count} matching records. Narrow the criteria to one record, or set \`${attr.name}: null\`.`,
      identity,
    );
  }
  return new UsageError(
    'E_INVALID_TARGET_RECORD_IDS',
    `Could not update \`${identity}\` records: a \`${attr.collection}\` belongs to at most one \`${identity}\` through \`${attr.name}\`, ` +
      `so the same children cannot be given to the ${count} matching records. Narrow the criteria to one record.`,
    identity,
  );
}
