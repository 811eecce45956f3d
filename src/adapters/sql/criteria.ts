/**
 * The criteria part every statement shares (WHERE, ORDER BY, LIMIT/OFFSET): one walk that
 * yields the shape key and bound values, and the SQL builder used on a cache miss.
 */
import { MAX_LIMIT, type SortDirective, type Stage3Criteria, type WhereClause } from '../../query/shapes.js';
import type { TableCodec } from './codec.js';
import type { Dialect } from './dialect.js';
import { keyName, type Placeholders } from './shape-cache.js';
import { UNIVERSAL, whereKey, whereSql, type WhereWalk } from './where.js';

const EMPTY_WHERE: WhereClause = {};

/** One criteria walk: its shape key and what must be bound. */
export interface CriteriaWalk {
  readonly key: string;
  readonly where: WhereClause;
  readonly filtered: boolean;
  readonly sort: readonly SortDirective[];
  /** Bounded limit, or `undefined` when unbounded. */
  readonly limit: number | undefined;
  /** Positive skip, or `undefined`. */
  readonly skip: number | undefined;
  readonly walk: WhereWalk;
}

export interface WalkOptions {
  /** Read only `where` (count without paging, joins' singular side). */
  readonly whereOnly?: boolean;
}

export function walkCriteria(
  criteria: Partial<Stage3Criteria> | undefined,
  codec: TableCodec,
  dialect: Dialect,
  values: unknown[],
  options?: WalkOptions,
): CriteriaWalk {
  const where = criteria?.where ?? EMPTY_WHERE;
  const walk: WhereWalk = { encode: codec.compare, arrays: dialect.arrayMembership?.encode, values, lists: [] };
  const wkey = whereKey(where, walk);
  const paged = !options?.whereOnly;
  const limit = paged ? boundedLimit(criteria?.limit) : undefined;
  const skip = paged && criteria?.skip !== undefined && criteria.skip > 0 ? criteria.skip : undefined;
  const sort = paged ? (criteria?.sort ?? []) : [];
  return {
    key: `${wkey}|${sortKey(sort)}|${limit === undefined ? '' : 'L'}${skip === undefined ? '' : 'O'}`,
    where,
    filtered: wkey !== UNIVERSAL,
    sort,
    limit,
    skip,
    walk,
  };
}

function boundedLimit(limit: number | undefined): number | undefined {
  return limit === undefined || limit >= MAX_LIMIT ? undefined : limit;
}

/** Appends limit/offset values after the where values (their placeholders come last). */
export function pushPaging(c: CriteriaWalk, values: unknown[]): void {
  if (c.limit !== undefined) values.push(c.limit);
  if (c.skip !== undefined) values.push(c.skip);
}

export function sortKey(sort: readonly SortDirective[]): string {
  let key = '';
  for (const directive of sort) {
    for (const column in directive) key += keyName(column) + (isDesc(directive[column]) ? 'D' : 'A');
  }
  return key;
}

export function isDesc(direction: unknown): boolean {
  return typeof direction === 'string' && direction.toUpperCase() === 'DESC';
}

export interface TailContext {
  readonly dialect: Dialect;
  readonly placeholders: Placeholders;
  readonly qualifier: string;
  readonly caseInsensitiveLike: boolean;
}

/** The where condition, or `undefined` when nothing is filtered. */
export function conditionSql(c: CriteriaWalk, ctx: TailContext): string | undefined {
  return c.filtered ? whereSql(c.where, { ...ctx, lists: c.walk.lists }) : undefined;
}

/** ` WHERE …` (or empty). */
export function whereClauseSql(c: CriteriaWalk, ctx: TailContext): string {
  const condition = conditionSql(c, ctx);
  return condition === undefined ? '' : ` WHERE ${condition}`;
}

/** ` ORDER BY …` (or empty); `column` maps a sort target to its SQL reference. */
export function orderBySql(sort: readonly SortDirective[], column: (name: string) => string): string {
  const parts: string[] = [];
  for (const directive of sort) {
    for (const name in directive) parts.push(`${column(name)} ${isDesc(directive[name]) ? 'DESC' : 'ASC'}`);
  }
  return parts.length === 0 ? '' : ` ORDER BY ${parts.join(', ')}`;
}

/** ` WHERE … ORDER BY … LIMIT … OFFSET …`, placeholders allocated in binding order. */
export function tailSql(c: CriteriaWalk, ctx: TailContext): string {
  const where = whereClauseSql(c, ctx);
  const order = orderBySql(c.sort, (name) => ctx.qualifier + ctx.dialect.quoteId(name));
  const limit = c.limit === undefined ? undefined : ctx.placeholders.next();
  const offset = c.skip === undefined ? undefined : ctx.placeholders.next();
  return where + order + ctx.dialect.limitOffset(limit, offset);
}
