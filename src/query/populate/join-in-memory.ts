/**
 * Answers `join` instructions for adapters that lack a native `join` (or for children in
 * another datastore) with IN-list `find`s: one per singular or one-to-many populate, two
 * (junction rows, then children) per junction-backed one — never one query per parent.
 * Subcriteria where/sort run in the child query; skip/limit are applied per parent here.
 */
import type { JoinInstruction, RecordData, Stage3Criteria, Stage3Query, WhereClause } from '../shapes.js';
import { distinctKeys, keyOf } from './keys.js';

export type FindFn = (join: JoinInstruction, query: Stage3Query) => Promise<RecordData[]>;


function andWhere(a: WhereClause | undefined, b: WhereClause): WhereClause {
  return a && Object.keys(a).length > 0 ? { and: [a, b] } : b;
}

function findQuery(using: string, where: WhereClause, sub: Partial<Stage3Criteria> = {}): Stage3Query {
  // Copies: `sub` may be shared by every query (forge-joins.ts), and sails-* adapters may mutate criteria.
  const criteria: Stage3Criteria = { where, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [...(sub.sort ?? [])] };
  if (sub.select) criteria.select = [...sub.select];
  return { method: 'find', using, criteria };
}

/** The instructions of each alias, in order (a junction-backed populate has two). */
function byAlias(joins: readonly JoinInstruction[]): JoinInstruction[][] {
  const groups = new Map<string, JoinInstruction[]>();
  for (const join of joins) {
    const group = groups.get(join.alias);
    if (group) group.push(join);
    else groups.set(join.alias, [join]);
  }
  return [...groups.values()];
}

/** Mutates `parents` in place, as a native `join` would return them. */
export async function joinInMemory(parents: RecordData[], joins: readonly JoinInstruction[], find: FindFn): Promise<void> {
  for (const [first, second] of byAlias(joins)) {
    if (!first) continue;
    if (second) await junction(parents, first, second, find);
    else if (first.model) await singular(parents, first, find);
    else await oneToMany(parents, first, find);
  }
}

async function singular(parents: RecordData[], join: JoinInstruction, find: FindFn): Promise<void> {
  const keys = distinctKeys(parents.map((p) => p[join.parentKey]));
  const children = keys.length ? await find(join, findQuery(join.child, { [join.childKey]: { in: keys } }, join.criteria)) : [];
  const byKey = new Map(children.map((c) => [keyOf(c[join.childKey]), c]));
  for (const parent of parents) {
    const key = parent[join.parentKey];
    parent[join.parentKey] = key === null || key === undefined ? null : (byKey.get(keyOf(key)) ?? null);
  }
}

async function oneToMany(parents: RecordData[], join: JoinInstruction, find: FindFn): Promise<void> {
  const keys = distinctKeys(parents.map((p) => p[join.parentKey]));
  const sub = join.criteria;
  const children = keys.length ? await find(join, findQuery(join.child, andWhere(sub.where, { [join.childKey]: { in: keys } }), sub)) : [];
  const groups = new Map<string, RecordData[]>();
  for (const child of children) {
    const key = keyOf(child[join.childKey]);
    const group = groups.get(key);
    if (group) group.push(child);
    else groups.set(key, [child]);
  }
  for (const parent of parents) {
    const key = parent[join.parentKey];
    parent[join.alias] = page(key === null || key === undefined ? [] : (groups.get(keyOf(key)) ?? []), sub);
  }
}

/**
 * `toJunction` reads the junction rows of the page's parents; `toChild` the children they
 * name, once each, sorted. Each parent then gets its linked children in that order, each
 * once even when the junction holds the pair twice.
 */
async function junction(parents: RecordData[], toJunction: JoinInstruction, toChild: JoinInstruction, find: FindFn): Promise<void> {
  const keys = distinctKeys(parents.map((p) => p[toJunction.parentKey]));
  const parentSide = toJunction.childKey;
  const childSide = toChild.parentKey;
  const pairs = keys.length
    ? await find(toJunction, findQuery(toJunction.child, { [parentSide]: { in: keys } }, { select: [parentSide, childSide] }))
    : [];
  const ids = distinctKeys(pairs.map((pair) => pair[childSide]));
  const sub = toChild.criteria;
  const children = ids.length ? await find(toChild, findQuery(toChild.child, andWhere(sub.where, { [toChild.childKey]: { in: ids } }), sub)) : [];

  const rank = new Map(children.map((child, i) => [keyOf(child[toChild.childKey]), i]));
  const linked = new Map<string, Set<number>>();
  for (const pair of pairs) {
    const position = rank.get(keyOf(pair[childSide]));
    if (position === undefined) continue;
    const key = keyOf(pair[parentSide]);
    const set = linked.get(key);
    if (set) set.add(position);
    else linked.set(key, new Set([position]));
  }
  for (const parent of parents) {
    const key = parent[toJunction.parentKey];
    const positions = key === null || key === undefined ? undefined : linked.get(keyOf(key));
    const list = positions ? [...positions].sort((a, b) => a - b).map((i) => children[i] as RecordData) : [];
    parent[toJunction.alias] = page(list, sub);
  }
}

/** The subcriteria's skip/limit, per parent. */
function page(children: RecordData[], sub: Partial<Stage3Criteria>): RecordData[] {
  const skip = sub.skip ?? 0;
  const limit = sub.limit ?? Number.MAX_SAFE_INTEGER;
  return skip > 0 || limit < children.length ? children.slice(skip, skip + limit) : children;
}
