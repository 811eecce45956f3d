/**
 * The per-shape part of a join: plan, column lists, decoders and the parent statement's shape
 * key. It depends only on the tables' definitions, the parent's select list and the join
 * instructions, so it is built once per shape and reused (see `joinLayout`).
 */
import type { JoinInstruction } from '../../query/shapes.js';
import type { Decoder, TableCodec } from './codec.js';
import { explicitColumns } from './compiler.js';
import { planJoins, type JoinPlan, type SingularJoin } from './join-plan.js';
import { parentShapeKey, type JoinedTable } from './join-sql.js';
import { keyNames, ShapeCache } from './shape-cache.js';

/** What the join needs to know about tables beyond the query. */
export interface JoinTables {
  codec(table: string): TableCodec;
  /** Every column of `table`, used when a criteria has no explicit `select`. */
  columns(table: string): readonly string[];
}

export interface SingularLayout {
  readonly join: SingularJoin;
  readonly codec: TableCodec;
  readonly requested: readonly string[];
  readonly fetched: readonly string[];
  readonly decoders: readonly (Decoder | undefined)[];
  readonly childKeyIndex: number;
}

export interface JoinLayout {
  readonly plan: JoinPlan;
  readonly codec: TableCodec;
  readonly requested: readonly string[];
  /** `requested` plus the plural joins' link columns. */
  readonly fetched: readonly string[];
  readonly decoders: readonly (Decoder | undefined)[];
  readonly linkIndexes: readonly number[];
  readonly singular: readonly SingularLayout[];
  /** `singular` as the parent statement joins it. */
  readonly joined: readonly JoinedTable[];
  /** The parent statement's shape key, without the criteria part. */
  readonly shapeKey: string;
}

/**
 * Keyed per parent codec: `describe` (define/alter/registration) replaces a table's codec, so
 * an entry for an old definition is never found again and goes with its codec. Child codecs
 * are checked on each hit for the same reason.
 */
const layouts = new WeakMap<TableCodec, ShapeCache<JoinLayout>>();
/** Ids of shared (frozen) join instructions; forgeJoins freezes the ones it reuses. */
const instructionIds = new WeakMap<JoinInstruction, number>();
let nextInstructionId = 0;

export function joinLayout(table: string, select: readonly string[] | undefined, joins: readonly JoinInstruction[], tables: JoinTables): JoinLayout {
  const codec = tables.codec(table);
  const key = layoutKey(select, joins);
  if (key === undefined) return buildLayout(table, select, joins, tables, codec);
  let cache = layouts.get(codec);
  if (!cache) {
    cache = new ShapeCache<JoinLayout>(200);
    layouts.set(codec, cache);
  }
  const hit = cache.get(key, () => buildLayout(table, select, joins, tables, codec));
  if (hit.singular.every((s) => tables.codec(s.join.child) === s.codec)) return hit;
  const fresh = buildLayout(table, select, joins, tables, codec);
  cache.set(key, fresh);
  return fresh;
}

/** `undefined` when a join instruction is built per query (custom criteria): not worth caching. */
function layoutKey(select: readonly string[] | undefined, joins: readonly JoinInstruction[]): string | undefined {
  let key = '';
  for (const join of joins) {
    if (!Object.isFrozen(join)) return undefined;
    let id = instructionIds.get(join);
    if (id === undefined) {
      id = nextInstructionId++;
      instructionIds.set(join, id);
    }
    key += `${id},`;
  }
  const columns = explicitColumns(select);
  return columns ? key + keyNames(columns) : `${key}*`;
}

function buildLayout(table: string, select: readonly string[] | undefined, joins: readonly JoinInstruction[], tables: JoinTables, codec: TableCodec): JoinLayout {
  const plan = planJoins(table, joins);
  const requested = explicitColumns(select) ?? tables.columns(table);
  const fetched = withColumns(requested, plan.plural.map((p) => p.parentKey));
  const singular = plan.singular.map((join) => singularLayout(join, tables));
  const joined = singular.map((s) => ({ table: s.join.child, parentKey: s.join.parentKey, childKey: s.join.childKey, columns: s.fetched }));
  return {
    plan,
    codec,
    requested,
    fetched,
    decoders: decodersOf(codec, fetched),
    linkIndexes: plan.plural.map((p) => fetched.indexOf(p.parentKey)),
    singular,
    joined,
    shapeKey: parentShapeKey(table, fetched, joined),
  };
}

function singularLayout(join: SingularJoin, tables: JoinTables): SingularLayout {
  const codec = tables.codec(join.child);
  const requested = explicitColumns(join.select) ?? tables.columns(join.child);
  // The child key tells a match from a LEFT JOIN miss, so it is read even when not selected.
  const fetched = withColumns(requested, [join.childKey]);
  return { join, codec, requested, fetched, decoders: decodersOf(codec, fetched), childKeyIndex: fetched.indexOf(join.childKey) };
}

export function decodersOf(codec: TableCodec, columns: readonly string[]): (Decoder | undefined)[] {
  return columns.map((column) => codec.decoder(column));
}

/** `base` followed by the `extra` columns it lacks. */
function withColumns(base: readonly string[], extra: readonly string[]): string[] {
  const columns = [...base];
  for (const column of extra) if (!columns.includes(column)) columns.push(column);
  return columns;
}
