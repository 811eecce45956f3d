/**
 * The two statement shapes that answer a populate level in one round trip each:
 * - the parent page with every singular join as a LEFT JOIN;
 * - per plural alias, the children of the whole page via one IN-list, the child criteria
 *   applied per parent (`ROW_NUMBER() OVER (PARTITION BY …)` when skip/limit are set).
 * Rows are read positionally (array mode); `join-rows.ts` turns them into records.
 */
import type { Stage3Criteria } from '../../query/shapes.js';
import type { TableCodec } from './codec.js';
import type { SqlCompiler } from './compiler.js';
import { conditionSql, orderBySql, tailSql, walkCriteria } from './criteria.js';
import type { Compiled } from './dialect.js';
import type { PluralLink } from './join-plan.js';
import { keyName, keyNames, Placeholders } from './shape-cache.js';
import { isArrayItem } from './where.js';

export interface JoinedTable {
  readonly table: string;
  readonly parentKey: string;
  readonly childKey: string;
  /** Columns read, in row order after the parent's. */
  readonly columns: readonly string[];
}

export interface ParentStatement {
  readonly table: string;
  readonly codec: TableCodec;
  readonly columns: readonly string[];
  readonly criteria: Stage3Criteria | undefined;
  readonly singular: readonly JoinedTable[];
  readonly caseInsensitiveLike: boolean;
  /** `parentShapeKey` of the above, computed once per layout. */
  readonly shapeKey: string;
}

/** Identifies a parent statement's tables and columns inside the compiler's SQL cache. */
export function parentShapeKey(table: string, columns: readonly string[], singular: readonly JoinedTable[]): string {
  let key = `${keyName(table)}${keyNames(columns)}`;
  for (const j of singular) key += `+${keyName(j.table)}${keyName(j.parentKey)}${keyName(j.childKey)}${keyNames(j.columns)}`;
  return key;
}

/** Row layout: parent columns, then each singular join's columns. */
export function compileParent(compiler: SqlCompiler, s: ParentStatement): Compiled {
  const { dialect } = compiler;
  const values: unknown[] = [];
  const c = walkCriteria(s.criteria, s.codec, dialect, values);
  if (c.limit !== undefined) values.push(c.limit);
  if (c.skip !== undefined) values.push(c.skip);
  return compiler.cached(`JP${s.caseInsensitiveLike ? 'i' : ''}${s.shapeKey}|${c.key}`, values, () => {
    const q = (name: string): string => dialect.quoteId(name);
    const select = s.columns.map((col) => `${q('t0')}.${q(col)}`);
    let from = `${q(s.table)} AS ${q('t0')}`;
    s.singular.forEach((j, i) => {
      const alias = q(`t${i + 1}`);
      for (const col of j.columns) select.push(`${alias}.${q(col)}`);
      from += ` LEFT JOIN ${q(j.table)} AS ${alias} ON ${alias}.${q(j.childKey)} = ${q('t0')}.${q(j.parentKey)}`;
    });
    const ctx = {
      dialect,
      placeholders: new Placeholders((n) => dialect.placeholder(n)),
      qualifier: `${q('t0')}.`,
      caseInsensitiveLike: s.caseInsensitiveLike,
    };
    return `SELECT ${select.join(', ')} FROM ${from}${tailSql(c, ctx)}`;
  });
}

export interface PluralStatement {
  readonly child: string;
  readonly codec: TableCodec;
  /** Child columns read (requested ones plus sort targets), in row order after the link value. */
  readonly columns: readonly string[];
  readonly link: PluralLink;
  readonly criteria: Partial<Stage3Criteria>;
  /** Distinct, non-null parent key values of the page. */
  readonly keys: readonly unknown[];
  readonly caseInsensitiveLike: boolean;
}

/** Row layout: the parent key value, then `columns` (then a row number to ignore). */
export function compilePlural(compiler: SqlCompiler, s: PluralStatement): Compiled {
  const { dialect } = compiler;
  const values: unknown[] = [];
  const membership = dialect.arrayMembership;
  const asArray = membership !== undefined && s.keys.every(isArrayItem);
  if (asArray) values.push(membership.encode(s.keys as (string | number)[]));
  else values.push(...s.keys);
  const c = walkCriteria(s.criteria, s.codec, dialect, values);
  const windowed = c.limit !== undefined || c.skip !== undefined;
  if (c.skip !== undefined) values.push(c.skip);
  if (c.limit !== undefined) values.push((c.skip ?? 0) + c.limit);

  const link = s.link.kind === 'direct' ? `D${keyName(s.link.childKey)}` : `J${keyName(s.link.table)}${keyName(s.link.parentSide)}${keyName(s.link.childSide)}${keyName(s.link.childKey)}`;
  const key = `JC${s.caseInsensitiveLike ? 'i' : ''}${keyName(s.child)}${keyNames(s.columns)}${link}${asArray ? '*' : s.keys.length}|${c.key}`;
  return compiler.cached(key, values, () => {
    const q = (name: string): string => dialect.quoteId(name);
    const ph = new Placeholders((n) => dialect.placeholder(n));
    const child = q('c');
    let from = `${q(s.child)} AS ${child}`;
    let partition: string;
    if (s.link.kind === 'junction') {
      const j = q('j');
      from += ` INNER JOIN ${q(s.link.table)} AS ${j} ON ${j}.${q(s.link.childSide)} = ${child}.${q(s.link.childKey)}`;
      partition = `${j}.${q(s.link.parentSide)}`;
    } else {
      partition = `${child}.${q(s.link.childKey)}`;
    }
    const membershipSql = asArray
      ? membership.sql(partition, ph.next())
      : `${partition} IN (${s.keys.map(() => ph.next()).join(', ')})`;
    const ctx = { dialect, placeholders: ph, qualifier: `${child}.`, caseInsensitiveLike: s.caseInsensitiveLike };
    const condition = conditionSql(c, ctx);
    const where = ` WHERE ${membershipSql}${condition === undefined ? '' : ` AND ${condition}`}`;
    // A junction may hold duplicate pairs; each child appears once per parent.
    const distinct = s.link.kind === 'junction' ? 'DISTINCT ' : '';
    const columns = s.columns.map((col, i) => `${child}.${q(col)} AS ${q(`c${i}`)}`);
    const base = `SELECT ${distinct}${partition} AS ${q('p')}, ${columns.join(', ')} FROM ${from}${where}`;
    const byAlias = (name: string): string => q(`c${s.columns.indexOf(name)}`);
    if (!windowed) return base + orderBySql(c.sort, byAlias);
    const d = q('d');
    const w = q('w');
    const rn = q('rn');
    const order = orderBySql(c.sort, (name) => `${d}.${byAlias(name)}`);
    const bounds: string[] = [];
    if (c.skip !== undefined) bounds.push(`${w}.${rn} > ${ph.next()}`);
    if (c.limit !== undefined) bounds.push(`${w}.${rn} <= ${ph.next()}`);
    return (
      `SELECT * FROM (SELECT ${d}.*, ROW_NUMBER() OVER (PARTITION BY ${d}.${q('p')}${order}) AS ${rn} ` +
      `FROM (${base}) AS ${d}) AS ${w} WHERE ${bounds.join(' AND ')} ORDER BY ${w}.${rn}`
    );
  });
}

/** Columns a plural statement must read: the requested ones plus every sort target. */
export function pluralColumns(requested: readonly string[], criteria: Partial<Stage3Criteria>): string[] {
  const columns = [...requested];
  for (const directive of criteria.sort ?? []) {
    for (const name in directive) if (!columns.includes(name)) columns.push(name);
  }
  return columns;
}
