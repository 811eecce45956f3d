/** PostgreSQL named (prepared) statements: named and reused, renamed after DDL, and the opt-out. */
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { Connection, TableDefinition } from '../../../src/adapters/adapter.js';
import type { PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import { DS, find, names } from './fixtures/index.js';
import { postgresql } from './fixtures/postgresql.js';

const TABLE = 'upp_item';
const V1: TableDefinition = {
  id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
  name: { columnType: '_string' },
  size: { columnType: '_number' },
};
const V2: TableDefinition = { ...V1, note: { columnType: '_string' } };

const opened: PostgresqlAdapter[] = [];
let spy: MockInstance | undefined;

async function open(config: Record<string, unknown> = {}): Promise<PostgresqlAdapter> {
  const adapter = await postgresql.open(config);
  opened.push(adapter);
  return adapter;
}

/** The `name` of every query config sent for `TABLE`'s data statements, in order. */
function namesSent(): (string | undefined)[] {
  return (spy?.mock.calls ?? [])
    .map(([first]) => first as unknown)
    .filter((first): first is { name?: string; text: string } => typeof first === 'object' && first !== null && String((first as { text?: unknown }).text).includes(`FROM "${TABLE}"`))
    .map((config) => config.name);
}

const findAll = (db: PostgresqlAdapter, leasedConnection?: Connection) =>
  db.find(DS, find(TABLE, { where: {}, sort: [{ id: 'ASC' }] }, leasedConnection ? { meta: { leasedConnection } } : {}));

async function seeded(config: Record<string, unknown> = {}): Promise<PostgresqlAdapter> {
  const db = await open(config);
  await db.drop(DS, TABLE);
  await db.define(DS, TABLE, V1);
  await db.createEach(DS, { method: 'createEach', using: TABLE, newRecords: [{ id: null, name: 'a', size: 1 }, { id: null, name: 'b', size: 2 }] });
  return db;
}

describe.skipIf(!postgresql.available)('PostgreSQL adapter: prepared statements', () => {
  beforeEach(() => {
    spy = vi.spyOn(pg.Client.prototype, 'query');
  });
  afterEach(() => {
    spy?.mockRestore();
    spy = undefined;
  });
  afterAll(async () => {
    const [first] = opened;
    if (first) await first.drop(DS, TABLE);
    for (const adapter of opened) await adapter.teardown(null);
  });

  it('names cached statements and prepares each once per connection', async () => {
    const db = await seeded();
    const prepared = await db.leaseConnection(DS, async (conn) => {
      await findAll(db, conn);
      await findAll(db, conn);
      return (await db.sendNativeQuery(DS, 'SELECT name, statement FROM pg_prepared_statements', [], { leasedConnection: conn })).rows;
    });
    const [first, second] = namesSent();
    expect(first).toMatch(/^mooring_\d+_\d+$/);
    expect(second).toBe(first);
    // Prepared once on the server, under that name; native SQL is never named.
    expect(prepared.filter((row) => row.name === first)).toHaveLength(1);
    expect(prepared.some((row) => String(row.statement).includes('pg_prepared_statements'))).toBe(false);
  });

  it('renames statements after alter, so no plan from before the change is reused', async () => {
    const db = await seeded();
    await findAll(db);
    await db.alter(DS, TABLE, V2);
    expect(names(await findAll(db))).toEqual(['a', 'b']);
    const [before, after] = namesSent().filter((name) => name !== undefined);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('answers correctly after another connection changed the table underneath', async () => {
    const db = await seeded({ max: 1 });
    const other = await open();
    await findAll(db);
    // `SELECT *` now returns another column type: PostgreSQL refuses the prepared plan (0A000).
    await other.sendNativeQuery(DS, `ALTER TABLE "${TABLE}" ALTER COLUMN "name" TYPE varchar(40)`, []);
    await other.sendNativeQuery(DS, `ALTER TABLE "${TABLE}" ADD COLUMN "extra" text`, []);
    expect(names(await findAll(db))).toEqual(['a', 'b']);
    // The retry marked every prepared statement stale: the next use prepares under a new name.
    expect(names(await findAll(db))).toEqual(['a', 'b']);
    const sent = namesSent();
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBeUndefined();
    expect(sent[3]).toBeDefined();
    expect(sent[3]).not.toBe(sent[0]);
  });

  it('sends every statement unnamed with preparedStatements: false', async () => {
    const db = await seeded({ preparedStatements: false });
    await findAll(db);
    await findAll(db);
    expect(namesSent()).toEqual([undefined, undefined]);
  });

  it('refuses a preparedStatements that is not a boolean', async () => {
    await expect(open({ preparedStatements: 'no' })).rejects.toThrow(/preparedStatements` must be true or false/);
  });
});
