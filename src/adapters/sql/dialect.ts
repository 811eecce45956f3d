/**
 * What differs between SQL databases, as a handful of hooks. Everything else (where clauses,
 * statement shapes, joins, caching) lives in the shared compiler and adapters only supply this.
 */
import type { Footprint } from '../../errors/adapter-error.js';
import type { ColumnDefinition } from '../adapter.js';
import type { ColumnType } from './column-type.js';

/** SQL text and the values bound to its placeholders, in order. */
export interface Compiled {
  readonly sql: string;
  readonly values: unknown[];
  /**
   * Set only on SQL text from the compiler's shape cache, one id per cached text: a bounded
   * set, so an adapter may name (prepare) these statements. Any other SQL has none.
   */
  readonly statementId?: number;
}

export interface Dialect {
  readonly name: string;

  /** Quotes one identifier (table, column or alias); names are never trusted. */
  quoteId(name: string): string;
  /** Placeholder for the n-th bound value, 1-based (`?` or `$n`). */
  placeholder(n: number): string;

  /** `INSERT/UPDATE/DELETE … RETURNING *` is available. */
  readonly returning: boolean;
  /** The LIMIT/OFFSET tail (leading space) from placeholders; `undefined` limit = unbounded, `undefined` offset = 0. */
  limitOffset(limit: string | undefined, offset: string | undefined): string;

  /** `LIKE` or a case-insensitive variant (`meta.makeLikeModifierCaseInsensitive`). */
  likeOperator(caseInsensitive: boolean): string;
  /** Text after `col LIKE ?` declaring backslash as the escape character (leading space). */
  readonly likeEscape: string;
  /**
   * Optional: wraps the column reference a `like` tests, for databases with no LIKE on
   * non-text columns (PostgreSQL: `col::text`, so json columns match their JSON text as on SQLite).
   */
  likeOperand?(expression: string): string;

  /**
   * Optional: membership in a whole array bound to ONE placeholder, so a statement's text
   * does not depend on the list length (PostgreSQL `= ANY($1)`, SQLite `json_each(?)`).
   * Without it the compiler expands `IN (?, ?, …)`.
   */
  readonly arrayMembership?: {
    sql(expression: string, placeholder: string): string;
    encode(values: readonly (string | number)[]): unknown;
  };

  /** Value encoding for the driver; decoders receive what the driver returns. */
  encodeBoolean(value: boolean): unknown;
  decodeBoolean(value: unknown): unknown;
  encodeJson(value: unknown): unknown;
  decodeJson(value: unknown): unknown;
  encodeDate(value: Date): unknown;

  /**
   * Optional: paged UPDATE/DELETE pick their rows through a derived table,
   * `WHERE pk IN (SELECT pk FROM (SELECT pk … LIMIT …) AS alias)`, for databases (MySQL) that
   * refuse LIMIT in an IN subquery and subqueries on the table being changed.
   */
  readonly pagedRowsViaDerivedTable?: boolean;

  /** Optional: how an INSERT of no columns ends, leading space; default ` DEFAULT VALUES` (MySQL: ` () VALUES ()`). */
  readonly emptyInsert?: string;

  /** Optional: text after `CREATE TABLE … (…)`, leading space (MySQL: engine, charset, collation). */
  readonly tableOptions?: string;

  /** Column DDL after the quoted name: type, PRIMARY KEY, auto-increment, UNIQUE. Throws when impossible. */
  columnDdl(table: string, column: string, definition: ColumnDefinition, type: ColumnType): string;
  /** Statements that make the next generated id of `table.column` be `value + 1`. */
  setSequence(table: string, column: string, value: number): Compiled[];

  /** Classifies a driver error; `table` helps parse qualified column names out of messages. */
  footprint(error: unknown, table?: string): Footprint;
}
