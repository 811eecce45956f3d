/**
 * Answers `join` instructions for adapters that lack a native `join` (or for children in
 * another datastore): one IN-list `find` per populate, never one query per parent.
 */
import type { JoinInstruction, RecordData, Stage3Query, WhereClause } from '../shapes.js';

export type FindFn = (join: JoinInstruction, query: Stage3Query) => Promise<RecordData[]>;

function distinct(values: unknown[]): unknown[] {
  return [...new Set(values.filter((v) => v !== null && v !== undefined))];
}

function andWhere(a: WhereClause | undefined, b: WhereClause): WhereClause {
  return a && Object.keys(a).length > 0 ? { and: [a, b] } : b;
}

/** Mutates `parents` in place, as a native `join` would return them. */
export async function joinInMemory(parents: RecordData[], joins: readonly JoinInstruction[], find: FindFn): Promise<void> {
  for (const join of joins) {
    const keys = distinct(parents.map((p) => p[join.parentKey]));
    if (join.model) {
      const children = keys.length
        ? await find(join, {
            method: 'find',
            using: join.child,
            criteria: { where: { [join.childKey]: { in: keys } }, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], ...(join.criteria.select ? { select: join.criteria.select } : {}) },
          })
        : [];
      const byKey = new Map(children.map((c) => [c[join.childKey], c]));
      for (const parent of parents) parent[join.parentKey] = byKey.get(parent[join.parentKey]) ?? null;
      continue;
    }
    const sub = join.criteria;
    const children = keys.length
      ? await find(join, {
          method: 'find',
          using: join.child,
          criteria: {
            where: andWhere(sub.where, { [join.childKey]: { in: keys } }),
            limit: Number.MAX_SAFE_INTEGER,
            skip: 0,
            sort: sub.sort ?? [],
            ...(sub.select ? { select: sub.select } : {}),
          },
        })
      : [];
    const groups = new Map<unknown, RecordData[]>();
    for (const child of children) {
      const key = child[join.childKey];
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    const skip = sub.skip ?? 0;
    const limit = sub.limit ?? Number.MAX_SAFE_INTEGER;
    for (const parent of parents) {
      const group = groups.get(parent[join.parentKey]) ?? [];
      parent[join.alias] = skip > 0 || limit < group.length ? group.slice(skip, skip + limit) : group;
    }
  }
}
