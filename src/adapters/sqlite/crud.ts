/** Stage-3 data queries on one SQLite datastore; synchronous, run inside the datastore's gate. */
import type { RecordData, Stage3Query } from '../../query/shapes.js';
import type { AggregateKind, CompileTarget, SqlCompiler } from '../sql/compiler.js';
import { prepareJoin } from '../sql/join-query.js';
import type { SqliteDatastore } from './datastore.js';

function target(d: SqliteDatastore, q: Stage3Query): CompileTarget {
  return { table: q.using, codec: d.codec(q.using), caseInsensitiveLike: q.meta?.makeLikeModifierCaseInsensitive === true };
}

function decodeAll(d: SqliteDatastore, table: string, rows: RecordData[]): RecordData[] {
  const codec = d.codec(table);
  for (const row of rows) codec.decodeRow(row);
  return rows;
}

export function find(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query): RecordData[] {
  if (q.joins && q.joins.length > 0) return join(d, compiler, q);
  return decodeAll(d, q.using, d.all(compiler.select(target(d, q), q.criteria), q.using));
}

/** Parents with populated children: one statement for the parents and singular joins, one per plural alias. */
export function join(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query): RecordData[] {
  const prepared = prepareJoin(compiler, q, { codec: (t) => d.codec(t), columns: (t) => d.columns(t) });
  prepared.parent.consume(d.rows(prepared.parent.compiled, q.using));
  for (const step of prepared.children()) step.consume(d.rows(step.compiled));
  return prepared.result();
}

function insertOne(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query, record: RecordData, fetch: boolean): RecordData | undefined {
  const compiled = compiler.insert(target(d, q), record, d.primaryKey(q.using), fetch);
  if (!fetch) {
    d.run(compiled, q.using);
    return undefined;
  }
  const row = d.get(compiled, q.using);
  return row && d.codec(q.using).decodeRow(row);
}

export function create(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query): RecordData | undefined {
  return insertOne(d, compiler, q, q.newRecord ?? {}, q.meta?.fetch === true);
}

/** All rows or none: one transaction (a savepoint inside a user transaction). */
export function createEach(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query): RecordData[] | undefined {
  const fetch = q.meta?.fetch === true;
  const records = q.newRecords ?? [];
  const created = d.atomically(() => records.map((record) => insertOne(d, compiler, q, record, fetch)));
  return fetch ? created.filter((row): row is RecordData => row !== undefined) : undefined;
}

/** `RETURNING *` gives the rows as updated, so a changed primary key is reported correctly. */
export function update(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query): RecordData[] | undefined {
  const fetch = q.meta?.fetch === true;
  const compiled = compiler.update(target(d, q), q.valuesToSet ?? {}, q.criteria, d.rowKey(q.using), fetch);
  if (!compiled) return fetch ? decodeAll(d, q.using, d.all(compiler.select(target(d, q), q.criteria), q.using)) : undefined;
  if (!fetch) {
    d.run(compiled, q.using);
    return undefined;
  }
  return decodeAll(d, q.using, d.all(compiled, q.using));
}

/** `RETURNING *` on DELETE yields each row as it was just before deletion. */
export function destroy(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query): RecordData[] | undefined {
  const fetch = q.meta?.fetch === true;
  const compiled = compiler.delete(target(d, q), q.criteria, d.rowKey(q.using), fetch);
  if (!fetch) {
    d.run(compiled, q.using);
    return undefined;
  }
  return decodeAll(d, q.using, d.all(compiled, q.using));
}

export function aggregate(d: SqliteDatastore, compiler: SqlCompiler, q: Stage3Query, kind: AggregateKind): number {
  // `count` queries carry a stray `numericAttrName: 'undefined'`; only sum/avg read it.
  const column = kind === 'count' ? undefined : q.numericAttrName;
  const [row] = d.rows(compiler.aggregate(target(d, q), kind, column, q.criteria), q.using);
  const value = row?.[0];
  return typeof value === 'number' ? value : Number(value ?? 0);
}
