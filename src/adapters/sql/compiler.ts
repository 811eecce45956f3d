/**
 * The shared stage-3 → SQL compiler for data statements. Each method walks its query once
 * (shape key + bound values), looks the SQL text up by shape and only builds it on a miss.
 * Dialects differ only through `Dialect` hooks.
 */
import type { RecordData, Stage3Criteria } from '../../query/shapes.js';
import type { TableCodec } from './codec.js';
import { pushPaging, tailSql, walkCriteria, whereClauseSql, type CriteriaWalk, type TailContext } from './criteria.js';
import type { Compiled, Dialect } from './dialect.js';
import { keyName, keyNames, Placeholders, ShapeCache } from './shape-cache.js';

export type AggregateKind = 'count' | 'sum' | 'avg';

/** Per-call inputs every method needs. */
export interface CompileTarget {
  readonly table: string;
  readonly codec: TableCodec;
  /** `meta.makeLikeModifierCaseInsensitive`. */
  readonly caseInsensitiveLike?: boolean;
}

interface CachedSql {
  readonly sql: string;
  readonly id: number;
}

/** Process-wide, so an id stands for one SQL text across compilers and evictions. */
let lastStatementId = 0;

export class SqlCompiler {
  readonly dialect: Dialect;
  readonly #cache = new ShapeCache<CachedSql>();

  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** The statement cached under `key` (SQL built by `build` on a miss), binding `values`. */
  cached(key: string, values: unknown[], build: () => string): Compiled {
    const { sql, id } = this.#cache.get(key, () => ({ sql: build(), id: (lastStatementId += 1) }));
    return { sql, values, statementId: id };
  }

  /** `SELECT` with the criteria's where/sort/limit/skip; `select` absent or `['*']` = all columns. */
  select(target: CompileTarget, criteria: Stage3Criteria | undefined): Compiled {
    const values: unknown[] = [];
    const c = walkCriteria(criteria, target.codec, this.dialect, values);
    pushPaging(c, values);
    const columns = explicitColumns(criteria?.select);
    const key = `S${flag(target)}${keyName(target.table)}${columns ? keyNames(columns) : '*'}|${c.key}`;
    return this.cached(key, values, () => {
      const ctx = this.#context(target, '');
      return `SELECT ${this.#columnList(columns)} FROM ${this.#q(target.table)}${tailSql(c, ctx)}`;
    });
  }

  /** `INSERT`; a `null` primary key is left out so the database generates it. */
  insert(target: CompileTarget, record: RecordData, primaryKey: string | undefined, fetch: boolean): Compiled {
    const columns: string[] = [];
    const values: unknown[] = [];
    for (const column in record) {
      const value = record[column];
      if (value === undefined || (value === null && column === primaryKey)) continue;
      columns.push(column);
      values.push(target.codec.write(column, value));
    }
    const returning = fetch && this.dialect.returning;
    const key = `I${keyName(target.table)}${keyNames(columns)}${returning ? 'R' : ''}`;
    return this.cached(key, values, () => {
      const ph = new Placeholders((n) => this.dialect.placeholder(n));
      const body =
        columns.length === 0
          ? (this.dialect.emptyInsert ?? ' DEFAULT VALUES')
          : ` (${columns.map((col) => this.#q(col)).join(', ')}) VALUES (${columns.map(() => ph.next()).join(', ')})`;
      return `INSERT INTO ${this.#q(target.table)}${body}${returning ? ' RETURNING *' : ''}`;
    });
  }

  /**
   * `UPDATE`; `undefined` when there is nothing to set. Paged criteria (limit/skip) select the
   * rows through their primary key: `WHERE pk IN (SELECT pk … LIMIT …)`.
   */
  update(target: CompileTarget, set: RecordData, criteria: Stage3Criteria | undefined, primaryKey: string, fetch: boolean): Compiled | undefined {
    const columns: string[] = [];
    const values: unknown[] = [];
    for (const column in set) {
      const value = set[column];
      if (value === undefined) continue;
      columns.push(column);
      values.push(target.codec.write(column, value));
    }
    if (columns.length === 0) return undefined;
    const c = walkCriteria(criteria, target.codec, this.dialect, values);
    pushPaging(c, values);
    const returning = fetch && this.dialect.returning;
    const key = `U${flag(target)}${keyName(target.table)}${keyNames(columns)}${keyName(primaryKey)}|${c.key}${returning ? 'R' : ''}`;
    return this.cached(key, values, () => {
      const ctx = this.#context(target, '');
      const assignments = columns.map((col) => `${this.#q(col)} = ${ctx.placeholders.next()}`).join(', ');
      const filter = this.#rowFilter(target, c, primaryKey, ctx);
      return `UPDATE ${this.#q(target.table)} SET ${assignments}${filter}${returning ? ' RETURNING *' : ''}`;
    });
  }

  /** `DELETE`, paged like `update`. */
  delete(target: CompileTarget, criteria: Stage3Criteria | undefined, primaryKey: string, fetch: boolean): Compiled {
    const values: unknown[] = [];
    const c = walkCriteria(criteria, target.codec, this.dialect, values);
    pushPaging(c, values);
    const returning = fetch && this.dialect.returning;
    const key = `D${flag(target)}${keyName(target.table)}${keyName(primaryKey)}|${c.key}${returning ? 'R' : ''}`;
    return this.cached(key, values, () => {
      const filter = this.#rowFilter(target, c, primaryKey, this.#context(target, ''));
      return `DELETE FROM ${this.#q(target.table)}${filter}${returning ? ' RETURNING *' : ''}`;
    });
  }

  /** One-row, one-column `COUNT(*)`, `SUM(col)` or `AVG(col)` (0 when no rows). */
  aggregate(target: CompileTarget, kind: AggregateKind, column: string | undefined, criteria: Stage3Criteria | undefined): Compiled {
    if (kind !== 'count' && column === undefined) throw new Error(`${kind} needs a numeric column.`);
    const values: unknown[] = [];
    const c = walkCriteria(criteria, target.codec, this.dialect, values, { whereOnly: kind === 'count' && !isPaged(criteria) });
    pushPaging(c, values);
    const key = `A${kind}${flag(target)}${keyName(target.table)}${column === undefined ? '' : keyName(column)}|${c.key}`;
    return this.cached(key, values, () => {
      const ctx = this.#context(target, '');
      const fn = (ref: string): string => (kind === 'count' ? 'COUNT(*)' : `COALESCE(${kind.toUpperCase()}(${ref}), 0)`);
      const col = column === undefined ? '' : this.#q(column);
      if (c.limit === undefined && c.skip === undefined) {
        return `SELECT ${fn(col)} FROM ${this.#q(target.table)}${whereClauseSql(c, ctx)}`;
      }
      // Paging applies to the rows aggregated, so it goes in a subquery.
      const inner = `SELECT ${col || '1 AS ' + this.#q('one')} FROM ${this.#q(target.table)}${tailSql(c, ctx)}`;
      const s = this.#q('s');
      return `SELECT ${fn(col && `${s}.${col}`)} FROM (${inner}) AS ${s}`;
    });
  }

  #rowFilter(target: CompileTarget, c: CriteriaWalk, primaryKey: string, ctx: TailContext): string {
    if (c.limit === undefined && c.skip === undefined) return whereClauseSql(c, ctx);
    const pk = this.#q(primaryKey);
    const rows = `SELECT ${pk} FROM ${this.#q(target.table)}${tailSql(c, ctx)}`;
    if (!this.dialect.pagedRowsViaDerivedTable) return ` WHERE ${pk} IN (${rows})`;
    return ` WHERE ${pk} IN (SELECT ${pk} FROM (${rows}) AS ${this.#q('paged')})`;
  }

  #context(target: CompileTarget, qualifier: string): TailContext {
    return {
      dialect: this.dialect,
      placeholders: new Placeholders((n) => this.dialect.placeholder(n)),
      qualifier,
      caseInsensitiveLike: target.caseInsensitiveLike === true,
    };
  }

  #columnList(columns: readonly string[] | undefined): string {
    return columns ? columns.map((col) => this.#q(col)).join(', ') : '*';
  }

  #q(name: string): string {
    return this.dialect.quoteId(name);
  }
}

/** The explicit column list, or `undefined` for all columns. */
export function explicitColumns(select: readonly string[] | undefined): readonly string[] | undefined {
  if (!select || select.length === 0 || select.includes('*')) return undefined;
  return select;
}

function isPaged(criteria: Stage3Criteria | undefined): boolean {
  return (criteria?.skip ?? 0) > 0 || (criteria?.limit !== undefined && criteria.limit < Number.MAX_SAFE_INTEGER);
}

function flag(target: CompileTarget): string {
  return target.caseInsensitiveLike ? 'i' : '';
}
