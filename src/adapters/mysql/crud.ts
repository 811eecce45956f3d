/**
 * Stage-3 data queries on one MySQL datastore. MySQL has no RETURNING, so fetched writes read
 * their rows back by primary key: inserts by the given or generated id; updates lock the
 * matching keys first (`SELECT … FOR UPDATE`) and destroys read the rows before deleting,
 * each inside one transaction (a savepoint inside the caller's).
 */
import type { RecordData, Stage3Criteria, Stage3Query } from '../../query/shapes.js';
import type { AggregateKind, CompileTarget, SqlCompiler } from '../sql/compiler.js';
import type { Compiled } from '../sql/dialect.js';
import { compileInsertMany } from '../sql/insert-many.js';
import { prepareJoin } from '../sql/join-query.js';
import type { MysqlDatastore, Runner } from './datastore.js';
import { atomically } from './transactions.js';

function target(d: MysqlDatastore, q: Stage3Query): CompileTarget {
  return { table: q.using, codec: d.codec(q.using), caseInsensitiveLike: q.meta?.makeLikeModifierCaseInsensitive === true };
}

function decodeAll(d: MysqlDatastore, table: string, rows: RecordData[]): RecordData[] {
  const codec = d.codec(table);
  for (const row of rows) codec.decodeRow(row);
  return rows;
}

/** Prepared statements bind at most 65,535 values. */
const MAX_PARAMETERS = 65_535;

const forUpdate = (c: Compiled): Compiled => ({ sql: `${c.sql} FOR UPDATE`, values: c.values });

export async function find(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[]> {
  if (q.joins && q.joins.length > 0) return join(d, compiler, q);
  const runner = d.runner(d.lease(q.meta?.leasedConnection));
  return decodeAll(d, q.using, await d.all(runner, compiler.select(target(d, q), q.criteria), q.using));
}

/** Parents with populated children: one statement for the parents and singular joins, one per plural alias. */
export async function join(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[]> {
  const runner = d.runner(d.lease(q.meta?.leasedConnection));
  await d.loadColumns(runner, [q.using, ...(q.joins ?? []).map((j) => j.child)]);
  const prepared = prepareJoin(compiler, q, { codec: (t) => d.codec(t), columns: (t) => d.columns(t) });
  prepared.parent.consume(await d.rows(runner, prepared.parent.compiled, q.using));
  for (const step of prepared.children()) step.consume(await d.rows(runner, step.compiled));
  return prepared.result();
}

export async function create(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData | undefined> {
  const runner = d.runner(d.lease(q.meta?.leasedConnection));
  const record = q.newRecord ?? {};
  const t = target(d, q);
  const fetch = q.meta?.fetch === true;
  const pk = fetch ? d.requirePrimaryKey(q.using) : d.primaryKey(q.using);
  const result = await d.run(runner, compiler.insert(t, record, pk, false), q.using);
  if (!fetch || pk === undefined) return undefined;
  const [row] = await readByKeys(d, compiler, runner, t, pk, [nonNull(record[pk]) ?? result.insertId]);
  return row;
}

/** All rows or none: one multi-row INSERT, or several statements in one transaction. */
export async function createEach(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[] | undefined> {
  const fetch = q.meta?.fetch === true;
  const records = q.newRecords ?? [];
  if (records.length === 0) return fetch ? [] : undefined;
  const lease = d.lease(q.meta?.leasedConnection);
  const t = target(d, q);
  const pk = fetch ? d.requirePrimaryKey(q.using) : d.primaryKey(q.using);
  // Generated ids of a multi-row INSERT cannot be told apart reliably (interleaved auto-increment
  // locks, auto_increment_increment); fetching them takes one INSERT per record.
  const explicitKeys = pk !== undefined && records.every((r) => nonNull(r[pk]) !== undefined);
  const batches = !fetch || explicitKeys ? compileInsertMany(compiler, t, records, pk, false, MAX_PARAMETERS) : undefined;
  if (!fetch && batches?.length === 1 && batches[0]) {
    // A single statement is atomic on its own.
    await d.run(d.runner(lease), batches[0], q.using);
    return undefined;
  }
  return atomically(d, lease, async (connection) => {
    const keys: unknown[] = [];
    if (batches) {
      for (const batch of batches) await d.run(connection, batch, q.using);
      if (pk !== undefined) for (const record of records) keys.push(record[pk]);
    } else {
      for (const record of records) {
        const result = await d.run(connection, compiler.insert(t, record, pk, false), q.using);
        if (pk !== undefined) keys.push(nonNull(record[pk]) ?? result.insertId);
      }
    }
    return fetch ? readByKeys(d, compiler, connection, t, d.requirePrimaryKey(q.using), keys) : undefined;
  });
}

export async function update(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[] | undefined> {
  const lease = d.lease(q.meta?.leasedConnection);
  const t = target(d, q);
  const set = q.valuesToSet ?? {};
  const criteria: Stage3Criteria = q.criteria ?? { where: {} };
  if (q.meta?.fetch !== true) {
    const compiled = compiler.update(t, set, criteria, rowKey(d, q.using, criteria), false);
    if (compiled) await d.run(d.runner(lease), compiled, q.using);
    return undefined;
  }
  const pk = d.requirePrimaryKey(q.using);
  if (Object.values(set).every((value) => value === undefined)) {
    return decodeAll(d, q.using, await d.all(d.runner(lease), compiler.select(t, criteria), q.using));
  }
  return atomically(d, lease, async (connection) => {
    const locked = await d.rows(connection, forUpdate(compiler.select(t, { ...criteria, select: [pk] })), q.using);
    const keys = locked.map((row) => row[0]);
    if (keys.length === 0) return [];
    const byKeys = compiler.update(t, set, { where: { [pk]: { in: keys } } }, pk, false);
    if (byKeys) await d.run(connection, byKeys, q.using);
    // A new primary key value moves every updated row (at most one, or the update failed as not unique).
    const moved = nonNull(set[pk]);
    return readByKeys(d, compiler, connection, t, pk, moved === undefined ? keys : [moved]);
  });
}

/** With fetch: the rows are read (and locked) before they are deleted, in one transaction. */
export async function destroy(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query): Promise<RecordData[] | undefined> {
  const lease = d.lease(q.meta?.leasedConnection);
  const t = target(d, q);
  const criteria: Stage3Criteria = q.criteria ?? { where: {} };
  if (q.meta?.fetch !== true) {
    await d.run(d.runner(lease), compiler.delete(t, criteria, rowKey(d, q.using, criteria), false), q.using);
    return undefined;
  }
  const pk = d.requirePrimaryKey(q.using);
  return atomically(d, lease, async (connection) => {
    const rows = await d.all(connection, forUpdate(compiler.select(t, { ...criteria, select: undefined })), q.using);
    if (rows.length === 0) return [];
    const keys = rows.map((row) => row[pk]);
    await d.run(connection, compiler.delete(t, { where: { [pk]: { in: keys } } }, pk, false), q.using);
    return decodeAll(d, q.using, rows);
  });
}

export async function aggregate(d: MysqlDatastore, compiler: SqlCompiler, q: Stage3Query, kind: AggregateKind): Promise<number> {
  // `count` queries carry a stray `numericAttrName: 'undefined'`; only sum/avg read it.
  const column = kind === 'count' ? undefined : q.numericAttrName;
  const runner = d.runner(d.lease(q.meta?.leasedConnection));
  const [row] = await d.rows(runner, compiler.aggregate(target(d, q), kind, column, q.criteria), q.using);
  // SUM/AVG of integers are DECIMAL, which the driver returns as text.
  const value = row?.[0];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** Rows by primary key, decoded, in the order of `keys` (missing ones skipped). */
async function readByKeys(d: MysqlDatastore, compiler: SqlCompiler, runner: Runner, t: CompileTarget, pk: string, keys: readonly unknown[]): Promise<RecordData[]> {
  const wanted = keys.filter((key) => key !== undefined && key !== null);
  if (wanted.length === 0) return [];
  const rows = await d.all(runner, compiler.select(t, { where: { [pk]: { in: [...new Set(wanted)] } } }), t.table);
  const byKey = new Map(rows.map((row) => [String(row[pk]), t.codec.decodeRow(row)]));
  const found: RecordData[] = [];
  for (const key of wanted) {
    const row = byKey.get(String(key));
    if (row) found.push(row);
  }
  return found;
}

/** Paged update/destroy pick rows by primary key; unpaged ones never read it. */
function rowKey(d: MysqlDatastore, table: string, criteria: Stage3Criteria): string {
  const paged = (criteria.skip ?? 0) > 0 || (criteria.limit !== undefined && criteria.limit < Number.MAX_SAFE_INTEGER);
  return paged ? d.requirePrimaryKey(table) : (d.primaryKey(table) ?? '');
}

function nonNull(value: unknown): unknown {
  return value === null ? undefined : value;
}
