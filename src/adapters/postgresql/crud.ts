/** Stage-3 data queries on one PostgreSQL datastore. */
import type { RecordData, Stage3Query } from '../../query/shapes.js';
import type { AggregateKind, CompileTarget, SqlCompiler } from '../sql/compiler.js';
import { compileInsertMany } from '../sql/insert-many.js';
import { prepareJoin } from '../sql/join-query.js';
import type { PostgresqlDatastore, Queryable } from './datastore.js';
import { advanceSequences, explicitIds } from './sequences.js';
import { atomically } from './transactions.js';

/** The protocol's limit on bound values per statement. */
const MAX_PARAMETERS = 65_535;

function target(d: PostgresqlDatastore, q: Stage3Query): CompileTarget {
  return { table: q.using, codec: d.codec(q.using), caseInsensitiveLike: q.meta?.makeLikeModifierCaseInsensitive === true };
}

function decodeAll(d: PostgresqlDatastore, table: string, rows: RecordData[]): RecordData[] {
  const codec = d.codec(table);
  for (const row of rows) codec.decodeRow(row);
  return rows;
}

export async function find(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[]> {
  if (q.joins && q.joins.length > 0) return join(d, compiler, q);
  return decodeAll(d, q.using, await d.records(compiler.select(target(d, q), q.criteria), q.meta, q.using));
}

/** Parents with populated children: one statement for the parents and singular joins, one per plural alias. */
export async function join(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[]> {
  // Usually every table is known: skip the await, which costs a promise and a tick per query.
  const joins = q.joins ?? [];
  if (!d.knowsColumns(q.using) || !joins.every((j) => d.knowsColumns(j.child))) {
    await d.ensureColumns([q.using, ...joins.map((j) => j.child)], q.meta);
  }
  const prepared = prepareJoin(compiler, q, { codec: (t) => d.codec(t), columns: (t) => d.columns(t) });
  prepared.parent.consume(await d.rows(prepared.parent.compiled, q.meta, q.using));
  // Each plural alias fills its own key of the parents, so their statements may run side by side.
  const steps = prepared.children();
  const results = await Promise.all(steps.map((step) => d.rows(step.compiled, q.meta)));
  steps.forEach((step, i) => step.consume(results[i] ?? []));
  return prepared.result();
}

export async function create(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData | undefined> {
  const record = q.newRecord ?? {};
  const fetch = q.meta?.fetch === true;
  const on = d.on(q.meta);
  const result = await d.send(on, compiler.insert(target(d, q), record, d.primaryKey(q.using), fetch), q.using);
  await advanceSequences(d, on, q.using, explicitIds(d, q.using, [record]));
  const row = result.rows[0];
  return fetch && row ? d.codec(q.using).decodeRow(row) : undefined;
}

/**
 * All rows or none. Usually one multi-row INSERT, atomic by itself; a transaction (a savepoint
 * inside a user's one) when the rows need several statements.
 */
export async function createEach(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[] | undefined> {
  const fetch = q.meta?.fetch === true;
  const records = q.newRecords ?? [];
  if (records.length === 0) return fetch ? [] : undefined;
  const t = target(d, q);
  const batches = idBatches(records, d.autoIncrement(q.using)).map((batch) => ({
    statements: compileInsertMany(compiler, t, batch, d.primaryKey(q.using), fetch, MAX_PARAMETERS),
    ids: explicitIds(d, q.using, batch),
  }));
  const insert = async (on: Queryable): Promise<RecordData[]> => {
    const rows: RecordData[] = [];
    for (const batch of batches) {
      for (const statement of batch.statements) rows.push(...(await d.send(on, statement, q.using)).rows);
      await advanceSequences(d, on, q.using, batch.ids);
    }
    return rows;
  };
  const single = batches.length === 1 && batches[0]?.statements.length === 1;
  const rows = single ? await insert(d.on(q.meta)) : await atomically(d, q.meta, insert);
  return fetch ? decodeAll(d, q.using, rows) : undefined;
}

/**
 * Splits records so that no record needing a generated id follows, in the same statement, one
 * bringing its own: the sequence is moved past explicit ids in between, so `[gen, 10, gen]`
 * numbers `1, 10, 11` as it would on SQLite or MySQL.
 */
function idBatches(records: readonly RecordData[], autoIncrement: readonly string[]): RecordData[][] {
  if (autoIncrement.length === 0) return [[...records]];
  const batches: RecordData[][] = [];
  let current: RecordData[] = [];
  let explicitSeen = false;
  for (const record of records) {
    const explicit = autoIncrement.some((column) => record[column] !== null && record[column] !== undefined);
    if (!explicit && explicitSeen) {
      batches.push(current);
      current = [];
      explicitSeen = false;
    }
    current.push(record);
    explicitSeen ||= explicit;
  }
  batches.push(current);
  return batches;
}

/** `RETURNING *` gives the rows as updated, so a changed primary key is reported correctly. */
export async function update(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[] | undefined> {
  const fetch = q.meta?.fetch === true;
  const compiled = compiler.update(target(d, q), q.valuesToSet ?? {}, q.criteria, d.rowKey(q.using), fetch);
  if (!compiled) return fetch ? decodeAll(d, q.using, await d.records(compiler.select(target(d, q), q.criteria), q.meta, q.using)) : undefined;
  const rows = await d.records(compiled, q.meta, q.using);
  return fetch ? decodeAll(d, q.using, rows) : undefined;
}

/** `RETURNING *` on DELETE yields each row as it was just before deletion. */
export async function destroy(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[] | undefined> {
  const fetch = q.meta?.fetch === true;
  const rows = await d.records(compiler.delete(target(d, q), q.criteria, d.rowKey(q.using), fetch), q.meta, q.using);
  return fetch ? decodeAll(d, q.using, rows) : undefined;
}

export async function aggregate(d: PostgresqlDatastore, compiler: SqlCompiler, q: Stage3Query, kind: AggregateKind): Promise<number> {
  // `count` queries carry a stray `numericAttrName: 'undefined'`; only sum/avg read it.
  const column = kind === 'count' ? undefined : q.numericAttrName;
  const [row] = await d.rows(compiler.aggregate(target(d, q), kind, column, q.criteria), q.meta, q.using);
  // SUM/AVG of integers are NUMERIC, which pg returns as text.
  const value = row?.[0];
  return typeof value === 'number' ? value : Number(value ?? 0);
}
