/**
 * What normalising a piece of a `where` clause yields: a clause, or one of the two special
 * cases that propagate up the tree — universal (matches everything) and void (matches nothing).
 */
import type { WhereClause } from '../shapes.js';

export type WhereResult =
  | { readonly kind: 'clause'; readonly clause: WhereClause }
  /** `undefinedKeys` lists what was dropped for being `undefined` when that alone emptied it. */
  | { readonly kind: 'universal'; readonly undefinedKeys: readonly string[] }
  | { readonly kind: 'void' };

export const VOID: WhereResult = { kind: 'void' };
export const UNIVERSAL: WhereResult = { kind: 'universal', undefinedKeys: [] };

export function clause(value: WhereClause): WhereResult {
  return { kind: 'clause', clause: value };
}

/** `{target: value}` — built with a computed key so names like `__proto__` stay plain keys. */
export function constraintClause(target: string, value: unknown): WhereResult {
  return clause({ [target]: value });
}

/** Records keys dropped as `undefined` on a result that ended up universal. */
export function noteUndefined(result: WhereResult, undefinedKeys: readonly string[]): WhereResult {
  if (result.kind !== 'universal' || undefinedKeys.length === 0) return result;
  return { kind: 'universal', undefinedKeys: [...undefinedKeys, ...result.undefinedKeys] };
}

/** `and`: universal items drop out, one void item voids it all, nothing left is universal. */
export function combineAnd(items: readonly WhereResult[], extraUndefined: readonly string[] = []): WhereResult {
  if (items.some((item) => item.kind === 'void')) return VOID;
  const clauses = items.flatMap((item) => (item.kind === 'clause' ? [item.clause] : []));
  if (clauses.length > 0) return clause({ and: clauses });
  const undefinedKeys = items.flatMap((item) => (item.kind === 'universal' ? item.undefinedKeys : []));
  return { kind: 'universal', undefinedKeys: [...extraUndefined, ...undefinedKeys] };
}

/** `or`: one universal item makes it universal, void items drop out, nothing left is void. */
export function combineOr(items: readonly WhereResult[]): WhereResult {
  const universals = items.flatMap((item) => (item.kind === 'universal' ? [item] : []));
  if (universals.length > 0) {
    // A deliberate universal branch (e.g. `{}`) means the `or` really is meant to match all.
    const deliberate = universals.some((item) => item.undefinedKeys.length === 0);
    return { kind: 'universal', undefinedKeys: deliberate ? [] : universals.flatMap((item) => item.undefinedKeys) };
  }
  const clauses = items.flatMap((item) => (item.kind === 'clause' ? [item.clause] : []));
  return clauses.length > 0 ? clause({ or: clauses }) : VOID;
}
