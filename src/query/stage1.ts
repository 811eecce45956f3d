/**
 * Stage 1: the query as the caller wrote it, before any validation. Model methods fill it from
 * their arguments; chainable modifiers (`.where()`, `.limit()`, …) edit it.
 */
import type { MethodName, QueryMeta } from './shapes.js';

export interface Stage1Query {
  method: MethodName;
  /** Model identity. */
  using: string;
  criteria?: unknown;
  populates?: Record<string, unknown>;
  newRecord?: unknown;
  newRecords?: unknown;
  valuesToSet?: unknown;
  numericAttrName?: unknown;
  targetRecordIds?: unknown;
  collectionAttrName?: unknown;
  associatedIds?: unknown;
  eachRecordFn?: unknown;
  eachBatchFn?: unknown;
  meta?: QueryMeta;
}

const CLAUSES = ['where', 'limit', 'skip', 'sort', 'select', 'omit'] as const;
export type ClauseName = (typeof CLAUSES)[number];

function isDictionary(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets one clause of the criteria. A criteria without clause keys is a bare where clause (or a
 * primary key), so it is wrapped as `{where: …}` first — `find({name:'x'}).limit(3)` works.
 */
export function setClause(query: Stage1Query, clause: ClauseName, value: unknown): void {
  const current = query.criteria;
  let criteria: Record<string, unknown>;
  if (current === undefined) {
    criteria = {};
  } else if (isDictionary(current) && CLAUSES.some((c) => c in current)) {
    criteria = current;
  } else {
    criteria = { where: current };
  }
  criteria[clause] = value;
  query.criteria = criteria;
}
