/**
 * The effects of add / remove / replace on one plural association (associations.md §6), run
 * inside a WriteScope. Junction- and through-backed plurals write junction rows; exclusive
 * ones (one-to-many, has-one) move the children's foreign key. Callers have validated ids.
 */
import { PropagationError } from '../errors/index.js';
import type { PkValue } from '../query/stage2/normalize-collection-args.js';
import type { RecordData } from '../query/shapes.js';
import type { JunctionLink, PluralAssociation, SingularAssociation } from '../schema/ontology.js';
import { contextFor, type ModelContext } from '../orm/runtime.js';
import { allOf, inList, innerCount, innerCreateEach, innerDestroy, innerFind, innerUpdate, lockRecord } from './inner-queries.js';
import type { WriteScope } from './write-scope.js';

export type CollectionOp = 'add' | 'remove' | 'replace';

/** Where an association's links live: junction rows, or a foreign key on the child. */
export type AssociationStore =
  | { readonly kind: 'junction'; readonly link: JunctionLink; readonly junction: ModelContext; readonly child: ModelContext }
  | { readonly kind: 'exclusive'; readonly fk: SingularAssociation; readonly child: ModelContext };

export function storeOf(ctx: ModelContext, attr: PluralAssociation): AssociationStore {
  const child = contextFor(ctx.runtime, attr.collection);
  if (attr.junction) return { kind: 'junction', link: attr.junction, junction: contextFor(ctx.runtime, attr.junction.model), child };
  const fk = attr.via === undefined ? undefined : child.model.attributes[attr.via];
  if (fk?.kind !== 'model') {
    throw new Error(`Consistency violation: \`${ctx.model.identity}.${attr.name}\` has neither a junction nor a foreign key on \`${attr.collection}\`.`);
  }
  return { kind: 'exclusive', fk, child };
}

/** A child belongs to at most one parent (one-to-many or has-one). */
export function isExclusive(attr: PluralAssociation): boolean {
  return attr.junction === undefined;
}

/** The models an association write on `attr` touches besides the parent. */
export function involvedModels(ctx: ModelContext, attr: PluralAssociation): ModelContext[] {
  const store = storeOf(ctx, attr);
  // Junction writes also lock rows of the child model (see writeJunction).
  return store.kind === 'junction' ? [store.junction, store.child] : [store.child];
}

export async function writeAssociation(
  ctx: ModelContext,
  attr: PluralAssociation,
  op: CollectionOp,
  targets: readonly PkValue[],
  ids: readonly PkValue[],
  scope: WriteScope,
): Promise<void> {
  if (targets.length === 0 || (ids.length === 0 && op !== 'replace')) return;
  const store = storeOf(ctx, attr);
  if (store.kind === 'junction') await writeJunction(ctx, store, op, targets, ids, scope);
  else await writeExclusive(ctx, attr, store, op, targets, ids, scope);
}

async function writeJunction(
  ctx: ModelContext,
  store: Extract<AssociationStore, { kind: 'junction' }>,
  op: CollectionOp,
  targets: readonly PkValue[],
  ids: readonly PkValue[],
  scope: WriteScope,
): Promise<void> {
  const { junction, link, child } = store;
  const meta = scope.innerMeta(junction);
  const { parentAttribute: P, childAttribute: C } = link;
  if (op === 'remove') {
    await innerDestroy(junction, allOf(inList(P, targets), inList(C, ids)), meta);
    return;
  }
  // Two writers inserting the same pair must not both miss it, so inserts queue on row locks of
  // one side of the pair — the same side whichever model the call came from (the side whose
  // junction attribute sorts first), taken in sorted order so writers never lock in a cycle.
  const [lockModel, lockIds] = P < C ? [ctx, targets] : [child, ids];
  if (ids.length > 0) {
    const lockMeta = scope.innerMeta(lockModel);
    for (const id of [...lockIds].sort()) await lockRecord(lockModel, id, lockMeta);
  }
  const existing = new Set<string>();
  if (op === 'replace') {
    await innerDestroy(junction, inList(P, targets), meta);
  } else {
    const rows = await innerFind(junction, allOf(inList(P, targets), inList(C, ids)), [P, C], meta);
    for (const row of rows) existing.add(pairKey(row[P], row[C]));
  }
  const pairs: RecordData[] = [];
  for (const target of targets) {
    for (const id of ids) {
      const key = pairKey(target, id);
      if (existing.has(key)) continue;
      existing.add(key);
      pairs.push({ [P]: target, [C]: id });
    }
  }
  await innerCreateEach(junction, pairs, meta);
}

/** Keys compare loosely (`'1'` and `1`), as drivers may return either for the same pk. */
function pairKey(parent: unknown, child: unknown): string {
  return JSON.stringify([String(parent), String(child)]);
}

async function writeExclusive(
  ctx: ModelContext,
  attr: PluralAssociation,
  store: Extract<AssociationStore, { kind: 'exclusive' }>,
  op: CollectionOp,
  targets: readonly PkValue[],
  ids: readonly PkValue[],
  scope: WriteScope,
): Promise<void> {
  const { child, fk } = store;
  const meta = scope.innerMeta(child);
  const pk = child.model.primaryKey;
  const ownedByTargets = inList(fk.name, targets);
  if (op === 'add') {
    // Callers guarantee one target here; children are taken from whichever parent had them.
    await innerUpdate(child, inList(pk, ids), { [fk.name]: targets[0] }, meta);
    return;
  }
  if (op === 'remove') {
    await innerUpdate(child, allOf(inList(pk, ids), ownedByTargets), { [fk.name]: null }, meta);
    return;
  }
  // replace: first release the children that leave (so a unique fk — a has-one — never holds
  // two owners mid-way), then claim the listed ones.
  const leaving = ids.length > 0 ? allOf(ownedByTargets, { [pk]: { nin: [...ids] } }) : ownedByTargets;
  if (fk.required) {
    const stranded = await innerCount(child, leaving, meta);
    if (stranded > 0) {
      throw new PropagationError(
        `Cannot replace \`${ctx.model.identity}.${attr.name}\`: ${stranded} \`${child.model.identity}\` record(s) would be left ` +
          `without a \`${fk.name}\`, which is required. Reassign or destroy them first.`,
        { modelIdentity: child.model.identity, attrName: fk.name },
      );
    }
  } else {
    await innerUpdate(child, leaving, { [fk.name]: null }, meta);
  }
  if (ids.length > 0) await innerUpdate(child, inList(pk, ids), { [fk.name]: targets[0] }, meta);
}
