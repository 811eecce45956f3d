/**
 * Runs Waterline's `join` contract as a fixed list of statements, independent of how a
 * driver executes them: the adapter runs `parent`, then each of `children()`, feeding rows
 * (arrays, positional) back, and returns `result()`. One statement per populate level.
 */
import { distinctKeys, keyOf } from '../../query/populate/keys.js';
import type { RecordData, Stage3Query } from '../../query/shapes.js';
import type { Decoder } from './codec.js';
import { explicitColumns, type SqlCompiler } from './compiler.js';
import type { Compiled } from './dialect.js';
import { decodersOf, joinLayout, type JoinTables } from './join-layout.js';
import type { PluralJoin } from './join-plan.js';
import { compileParent, compilePlural, pluralColumns } from './join-sql.js';

export type { JoinTables } from './join-layout.js';

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
  const layout = joinLayout(query.using, query.criteria?.select, query.joins ?? [], tables);
  const { plan, requested, fetched, singular, linkIndexes } = layout;
  const parentDecoders = layout.decoders;
  const caseInsensitiveLike = query.meta?.makeLikeModifierCaseInsensitive === true;
  const parents: RecordData[] = [];
  /** Per plural join, each parent's link value (read even when not selected). */
  const links: unknown[][] = plan.plural.map(() => []);

  const parent: JoinStep = {
    compiled: compileParent(compiler, {
      table: query.using,
      codec: layout.codec,
      columns: fetched,
      criteria: query.criteria,
      singular: layout.joined,
      caseInsensitiveLike,
      shapeKey: layout.shapeKey,
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
