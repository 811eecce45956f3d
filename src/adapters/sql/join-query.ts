/**
 * Runs Waterline's `join` contract as a fixed list of statements, independent of how a
 * driver executes them: the adapter runs `parent`, then each of `children()`, feeding rows
 * (arrays, positional) back, and returns `result()`. One statement per populate level.
 */
import { distinctKeys, keyOf } from '../../query/populate/keys.js';
import type { RecordData, Stage3Query } from '../../query/shapes.js';
import type { Decoder, TableCodec } from './codec.js';
import { explicitColumns, type SqlCompiler } from './compiler.js';
import type { Compiled } from './dialect.js';
import { planJoins, type PluralJoin, type SingularJoin } from './join-plan.js';
import { compileParent, compilePlural, pluralColumns } from './join-sql.js';

/** What the join needs to know about tables beyond the query. */
export interface JoinTables {
  codec(table: string): TableCodec;
  /** Every column of `table`, used when a criteria has no explicit `select`. */
  columns(table: string): readonly string[];
}

export type Row = readonly unknown[];

export interface JoinStep {
  readonly compiled: Compiled;
  consume(rows: readonly Row[]): void;
}

export interface PreparedJoin {
  readonly parent: JoinStep;
  /** Statements for plural joins; call after the parent rows were consumed. */
  children(): JoinStep[];
  result(): RecordData[];
}

export function prepareJoin(compiler: SqlCompiler, query: Stage3Query, tables: JoinTables): PreparedJoin {
  const plan = planJoins(query.using, query.joins ?? []);
  const caseInsensitiveLike = query.meta?.makeLikeModifierCaseInsensitive === true;
  const requested = explicitColumns(query.criteria?.select) ?? tables.columns(query.using);
  const fetched = withColumns(requested, plan.plural.map((p) => p.parentKey));
  const singular = plan.singular.map((join) => singularLayout(join, tables));
  const parentDecoders = decodersOf(tables.codec(query.using), fetched);
  const parents: RecordData[] = [];
  /** Per plural join, each parent's link value (read even when not selected). */
  const links: unknown[][] = plan.plural.map(() => []);
  const linkIndexes = plan.plural.map((p) => fetched.indexOf(p.parentKey));

  const parent: JoinStep = {
    compiled: compileParent(compiler, {
      table: query.using,
      codec: tables.codec(query.using),
      columns: fetched,
      criteria: query.criteria,
      singular: singular.map((s) => ({ table: s.join.child, parentKey: s.join.parentKey, childKey: s.join.childKey, columns: s.fetched })),
      caseInsensitiveLike,
    }),
    consume(rows) {
      for (const row of rows) {
        const record = toRecord(row, 0, fetched, parentDecoders, requested.length);
        linkIndexes.forEach((index, i) => links[i]?.push(row[index]));
        let offset = fetched.length;
        for (const s of singular) {
          const matched = row[offset + s.childKeyIndex] !== null;
          record[s.join.parentKey] = matched ? toRecord(row, offset, s.fetched, s.decoders, s.requested.length) : null;
          offset += s.fetched.length;
        }
        parents.push(record);
      }
    },
  };

  return {
    parent,
    children: () =>
      plan.plural.flatMap((join, i) => pluralStep(compiler, join, links[i] ?? [], parents, tables, caseInsensitiveLike)),
    result: () => parents,
  };
}

interface SingularLayout {
  readonly join: SingularJoin;
  readonly requested: readonly string[];
  readonly fetched: readonly string[];
  readonly decoders: readonly (Decoder | undefined)[];
  readonly childKeyIndex: number;
}

function singularLayout(join: SingularJoin, tables: JoinTables): SingularLayout {
  const requested = explicitColumns(join.select) ?? tables.columns(join.child);
  // The child key tells a match from a LEFT JOIN miss, so it is read even when not selected.
  const fetched = withColumns(requested, [join.childKey]);
  const decoders = decodersOf(tables.codec(join.child), fetched);
  return { join, requested, fetched, decoders, childKeyIndex: fetched.indexOf(join.childKey) };
}

function pluralStep(
  compiler: SqlCompiler,
  join: PluralJoin,
  links: readonly unknown[],
  parents: RecordData[],
  tables: JoinTables,
  caseInsensitiveLike: boolean,
): JoinStep[] {
  const keys = distinctKeys(links);
  if (keys.length === 0 || join.criteria.limit === 0) {
    for (const record of parents) record[join.alias] = [];
    return [];
  }
  const codec = tables.codec(join.child);
  const requested = explicitColumns(join.criteria.select) ?? tables.columns(join.child);
  const fetched = pluralColumns(requested, join.criteria);
  const decoders = decodersOf(codec, fetched);
  const compiled = compilePlural(compiler, {
    child: join.child,
    codec,
    columns: fetched,
    link: join.link,
    criteria: join.criteria,
    keys,
    caseInsensitiveLike,
  });
  return [
    {
      compiled,
      consume(rows) {
        const groups = new Map<string, RecordData[]>();
        for (const row of rows) {
          const key = keyOf(row[0]);
          const child = toRecord(row, 1, fetched, decoders, requested.length);
          const group = groups.get(key);
          if (group) group.push(child);
          else groups.set(key, [child]);
        }
        parents.forEach((record, i) => {
          const link = links[i];
          record[join.alias] = link === null || link === undefined ? [] : (groups.get(keyOf(link)) ?? []);
        });
      },
    },
  ];
}

/** Builds a record from `count` columns of `row` starting at `start` (extra fetched columns are skipped). */
function toRecord(row: Row, start: number, columns: readonly string[], decoders: readonly (Decoder | undefined)[], count: number): RecordData {
  const record: RecordData = {};
  for (let i = 0; i < count; i += 1) {
    const value = row[start + i];
    const decode = decoders[i];
    record[columns[i] as string] = decode ? decode(value) : value;
  }
  return record;
}

function decodersOf(codec: TableCodec, columns: readonly string[]): (Decoder | undefined)[] {
  return columns.map((column) => codec.decoder(column));
}

/** `base` followed by the `extra` columns it lacks. */
function withColumns(base: readonly string[], extra: readonly string[]): string[] {
  const columns = [...base];
  for (const column of extra) if (!columns.includes(column)) columns.push(column);
  return columns;
}
