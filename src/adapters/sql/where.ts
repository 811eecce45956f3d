/**
 * Where clauses in Waterline's normalised shape (queries.md §2): `{}`, `{col: value}`,
 * `{col: {modifier: value}}`, `{and: […]}`, `{or: […]}`. Two mirrored walks: `whereKey` runs on
 * every query (shape key + bound values), `whereSql` only when that shape is not cached yet.
 * Both visit constraints in the same order, so values line up with placeholders.
 */
import type { WhereClause } from '../../query/shapes.js';
import type { CompareUse } from './codec.js';
import type { Dialect } from './dialect.js';
import { keyName, type Placeholders } from './shape-cache.js';

export type CompareEncoder = (column: string, value: unknown, use: CompareUse) => unknown;

/** State of one key walk: what it collected for binding and for a possible SQL build. */
export interface WhereWalk {
  readonly encode: CompareEncoder;
  /** Set when the dialect can bind a whole `in`/`nin` list to one placeholder: encodes the list. */
  readonly arrays: ((items: readonly (string | number)[]) => unknown) | undefined;
  readonly values: unknown[];
  /** Per `in`/`nin` list in walk order: bound as one array? Read back by `whereSql`. */
  readonly lists: boolean[];
}

export interface WhereSqlContext {
  readonly dialect: Dialect;
  readonly placeholders: Placeholders;
  /** Prefix for column references, e.g. `"t0".`; empty for single-table statements. */
  readonly qualifier: string;
  readonly caseInsensitiveLike: boolean;
  /** `WhereWalk.lists` of the walk this SQL is built for. */
  readonly lists: readonly boolean[];
}

/** Shape key of a clause that filters nothing. */
export const UNIVERSAL = 'T';

type Branch = Readonly<Record<string, unknown>>;

/** Pushes bound values in SQL order and returns the clause's shape key (`UNIVERSAL` = no filter). */
export function whereKey(where: WhereClause, walk: WhereWalk): string {
  return branchKey(where, walk);
}

/** SQL for a clause whose key is not `UNIVERSAL`. */
export function whereSql(where: WhereClause, ctx: WhereSqlContext): string {
  return branchSql(where, { ...ctx, list: 0 });
}

type SqlState = WhereSqlContext & { list: number };

function branchKey(branch: Branch, walk: WhereWalk): string {
  let key = '';
  let count = 0;
  for (const name in branch) {
    const value = branch[name];
    if (value === undefined) continue;
    let part: string;
    if (name === 'and' || name === 'or') {
      part = name === 'and' ? '&(' : '|(';
      groupItems(name, value).forEach((item, i) => {
        part += (i === 0 ? '' : ',') + branchKey(item, walk);
      });
      part += ')';
    } else {
      part = constraintKey(name, value, walk);
    }
    key = count === 0 ? part : `${key},${part}`;
    count += 1;
  }
  if (count === 0) return UNIVERSAL;
  return count === 1 ? key : `&(${key})`;
}

function branchSql(branch: Branch, ctx: SqlState): string {
  const parts: string[] = [];
  for (const name in branch) {
    const value = branch[name];
    if (value === undefined) continue;
    if (name === 'and' || name === 'or') {
      const items = groupItems(name, value).map((item) => branchSql(item, ctx));
      if (items.length === 0) parts.push(name === 'and' ? '1 = 1' : '1 = 0');
      else parts.push(`(${items.join(name === 'and' ? ' AND ' : ' OR ')})`);
    } else {
      parts.push(constraintSql(name, value, ctx));
    }
  }
  if (parts.length === 0) return '1 = 1';
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
}

function groupItems(name: string, value: unknown): Branch[] {
  if (!Array.isArray(value)) throw new Error(`Invalid where clause: \`${name}\` must be an array of clauses.`);
  return value.filter((item): item is Branch => item !== undefined && item !== null);
}

/** A plain dictionary holds modifiers; Dates, Buffers and other objects are values. */
function isModifiers(value: unknown): value is Branch {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function constraintKey(column: string, value: unknown, walk: WhereWalk): string {
  const k = keyName(column);
  if (value === null) return `${k}N`;
  if (Array.isArray(value)) return listKey(k, 'in', column, value, walk);
  if (!isModifiers(value)) {
    walk.values.push(walk.encode(column, value, 'eq'));
    return `${k}=`;
  }
  let key = '';
  let count = 0;
  for (const op in value) {
    const operand = value[op];
    if (operand === undefined) continue;
    key += (count === 0 ? '' : ',') + modifierKey(k, column, op, operand, walk);
    count += 1;
  }
  if (count === 0) throw new Error(`Invalid where clause: no modifier given for \`${column}\`.`);
  return count === 1 ? key : `&(${key})`;
}

function modifierKey(k: string, column: string, op: string, operand: unknown, walk: WhereWalk): string {
  const { values, encode } = walk;
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      values.push(encode(column, operand, 'cmp'));
      return k + op;
    case '!=':
      if (operand === null) return `${k}NN`;
      values.push(encode(column, operand, 'eq'));
      return `${k}!`;
    case 'in':
    case 'nin':
      if (!Array.isArray(operand)) throw new Error(`Invalid where clause: \`${op}\` on \`${column}\` needs an array.`);
      return listKey(k, op, column, operand, walk);
    case 'like':
      if (typeof operand !== 'string') throw new Error(`Invalid where clause: \`like\` on \`${column}\` needs a string.`);
      values.push(encode(column, operand, 'like'));
      return `${k}~`;
    default:
      throw new Error(`Invalid where clause: unsupported modifier \`${op}\` on \`${column}\`.`);
  }
}

function listKey(k: string, op: 'in' | 'nin', column: string, items: readonly unknown[], walk: WhereWalk): string {
  const encoded = items.map((item) => walk.encode(column, item, 'eq'));
  // One bound array keeps the statement text (and the prepared statement) independent of length.
  const asArray = walk.arrays !== undefined && encoded.length > 0 && encoded.every(isArrayItem);
  walk.lists.push(asArray);
  if (asArray && walk.arrays) {
    walk.values.push(walk.arrays(encoded as (string | number)[]));
    return `${k}${op}*`;
  }
  for (const item of encoded) walk.values.push(item);
  return `${k}${op}${encoded.length}`;
}

export function isArrayItem(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function constraintSql(column: string, value: unknown, ctx: SqlState): string {
  const c = ctx.qualifier + ctx.dialect.quoteId(column);
  if (value === null) return `${c} IS NULL`;
  if (Array.isArray(value)) return listSql(c, 'in', value, ctx);
  if (!isModifiers(value)) return `${c} = ${ctx.placeholders.next()}`;
  const parts: string[] = [];
  for (const op in value) {
    const operand = value[op];
    if (operand === undefined) continue;
    parts.push(modifierSql(c, op, operand, ctx));
  }
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
}

function modifierSql(c: string, op: string, operand: unknown, ctx: SqlState): string {
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return `${c} ${op} ${ctx.placeholders.next()}`;
    case '!=':
      return operand === null ? `${c} IS NOT NULL` : `${c} <> ${ctx.placeholders.next()}`;
    case 'in':
    case 'nin':
      return listSql(c, op, operand as unknown[], ctx);
    default:
      return `${ctx.dialect.likeOperand?.(c) ?? c} ${ctx.dialect.likeOperator(ctx.caseInsensitiveLike)} ${ctx.placeholders.next()}${ctx.dialect.likeEscape}`;
  }
}

/** Mirrors `listKey`: the walk recorded whether each list was bound as one array. */
function listSql(c: string, op: 'in' | 'nin', items: readonly unknown[], ctx: SqlState): string {
  const asArray = ctx.lists[ctx.list] ?? false;
  ctx.list += 1;
  const not = op === 'nin' ? 'NOT ' : '';
  const membership = ctx.dialect.arrayMembership;
  if (asArray && membership) return `${not}${membership.sql(c, ctx.placeholders.next())}`;
  if (items.length === 0) return op === 'in' ? '1 = 0' : '1 = 1';
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += 1) parts.push(ctx.placeholders.next());
  return `${c} ${not}IN (${parts.join(', ')})`;
}
