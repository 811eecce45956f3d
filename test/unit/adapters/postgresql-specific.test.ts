/** PostgreSQL-only behaviour: array binds, case-sensitive LIKE and ILIKE, pooled clients, native results. */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapters/adapter.js';
import type { PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import type { WhereClause } from '../../../src/query/shapes.js';
import { cleanup, DS, find, insertUsers, names, setup, tableNames } from './fixtures/index.js';
import { joins, petNames, seedJoinRows } from './fixtures/joins.js';
import { countPostgresqlStatements, postgresql, POSTGRESQL_URL } from './fixtures/postgresql.js';

const PREFIX = 'ups_';
const T = tableNames(PREFIX);
let adapter: PostgresqlAdapter | undefined;
const db = (): PostgresqlAdapter => adapter!;

const where = async (w: WhereClause, meta?: Record<string, unknown>): Promise<unknown[]> =>
  names(await db().find(DS, find(T.user, { where: w, sort: [{ id: 'ASC' }] }, meta ? { meta } : {})));
const all = (leasedConnection?: Connection) => db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }] }, leasedConnection ? { meta: { leasedConnection } } : {}));
const add = (name: string, leasedConnection?: Connection) =>
  db().create(DS, { method: 'create', using: T.user, newRecord: { id: null, name }, ...(leasedConnection ? { meta: { leasedConnection } } : {}) });
const backendPid = async (leasedConnection?: Connection): Promise<unknown> =>
  (await db().sendNativeQuery(DS, 'SELECT pg_backend_pid() AS pid', [], leasedConnection ? { leasedConnection } : undefined)).rows[0]?.pid;

describe.skipIf(!postgresql.available)('PostgreSQL adapter: queries', () => {
  beforeAll(async () => {
    adapter = await setup(postgresql, PREFIX);
    await seedJoinRows(db(), T);
    await insertUsers(db(), T.user, [
      { name: 'ann2', email: 'ann@x.io', data: { tier: 'gold' } },
      { name: 'Ann', email: 'ANN@X.IO', data: { tier: 'gold' } },
      { name: 'a_b', email: 'u@x.io' },
    ]);
  });
  afterAll(() => cleanup(postgresql, adapter, PREFIX));

  it('binds in / nin as one array (= ANY), so the statement text does not depend on the length', async () => {
    const counter = countPostgresqlStatements();
    try {
      const many = Array.from({ length: 5000 }, (_, i) => `n${i}`).concat('bob');
      expect(await where({ name: { in: many } })).toEqual(['bob']);
      expect(await where({ name: { in: ['cy', 'bob'] } })).toEqual(['bob', 'cy']);
      expect(new Set(counter.texts)).toEqual(new Set([`SELECT * FROM "${T.user}" WHERE "name" = ANY($1) ORDER BY "id" ASC`]));
    } finally {
      counter.restore();
    }
  });

  it('matches like case-sensitively, json columns by their JSON text', async () => {
    expect(await where({ data: { like: '%gold%' } })).toEqual(['ann2', 'Ann']);
    expect(await where({ name: { like: 'a%' } })).toEqual(['ann', 'ann2', 'a_b']);
    expect(await where({ email: { like: '%@x.io' } })).toHaveLength(2);
  });

  it('makes like case-insensitive (ILIKE) with meta.makeLikeModifierCaseInsensitive', async () => {
    const ci = { makeLikeModifierCaseInsensitive: true };
    expect(await where({ name: { like: 'ann' } }, ci)).toEqual(['ann', 'Ann']);
    expect(await where({ email: { like: '%@x.io' } }, ci)).toHaveLength(3);
    expect(await where({ name: { like: 'A\\_B' } }, ci)).toEqual(['a_b']);
    // The flag is part of the cached shape: the same where without it is case-sensitive again.
    expect(await where({ name: { like: 'ann' } })).toEqual(['ann']);
  });

  it('applies the case of like to join criteria too', async () => {
    const { pets, userQuery } = joins(T);
    const page = { where: { id: { '<': 5 } } };
    const liked = await db().join(DS, userQuery([pets({ where: { name: { like: 'R%' } } })], page));
    expect(petNames(liked)).toEqual([[], [], [], []]);
    const ci = await db().join(DS, { ...userQuery([pets({ where: { name: { like: 'R%' } } })], page), meta: { makeLikeModifierCaseInsensitive: true } });
    expect(petNames(ci)).toEqual([['rex'], [], [], []]);
  });
});

describe.skipIf(!postgresql.available)('PostgreSQL adapter: pooled clients', () => {
  beforeEach(async () => {
    await adapter?.teardown(null);
    adapter = await setup(postgresql, PREFIX);
  });
  afterAll(() => cleanup(postgresql, adapter, PREFIX));

  it('runs a query that forgot the connection inside `during` on the transaction client', async () => {
    await db().transaction(DS, async (conn) => expect(await backendPid()).toBe(await backendPid(conn)));
  });

  it('holds one client for a lease', async () => {
    const pids = await db().leaseConnection(DS, async (conn) => [await backendPid(conn), await backendPid(conn), await backendPid()]);
    expect(new Set(pids).size).toBe(1);
  });

  it('says the server cannot be reached when the connection dies mid-lease', async () => {
    const admin = new pg.Client({ connectionString: POSTGRESQL_URL });
    await admin.connect();
    const error = await db()
      .leaseConnection(DS, async (conn) => {
        const pid = await backendPid(conn);
        // Killed from outside while idle: pg emits 'error' on the held client, which must not crash the process.
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return add('lost', conn);
      })
      .catch((e: unknown) => e)
      .finally(() => admin.end());
    expect((error as Error).message).toMatch(new RegExp(`^Datastore \`${DS}\` cannot reach its PostgreSQL server at 127\\.0\\.0\\.1:5432 \\(.*\\)`));
    expect(error).toMatchObject({ footprint: { identity: 'catchall' } });
    // The pool drops the dead client; later queries get a fresh one.
    expect(await all()).toEqual([]);
  });

  it('says when every pooled connection stayed busy past connectionTimeoutMillis', async () => {
    const small = await postgresql.open({ max: 1, connectionTimeoutMillis: 200 });
    try {
      let release!: () => void;
      const held = small.leaseConnection(DS, () => new Promise<void>((resolve) => (release = resolve)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const error = await small.sendNativeQuery(DS, 'SELECT 1', []).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(new RegExp(`^Datastore \`${DS}\`: all 1 pooled connections stayed busy for 200 ms`));
      release();
      await held;
      expect((await small.sendNativeQuery(DS, 'SELECT 1 AS one', [])).rows).toEqual([{ one: 1 }]);
    } finally {
      await small.teardown(null);
    }
  });

  it('destroys a client whose own statement lost the connection, instead of pooling it again', async () => {
    const error = await db()
      .leaseConnection(DS, async (conn) => db().sendNativeQuery(DS, 'SELECT pg_terminate_backend(pg_backend_pid())', [], { leasedConnection: conn }))
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/cannot reach its PostgreSQL server/);
    expect(await all()).toEqual([]);
  });

  it("sendNativeQuery returns pg's result: command, rowCount, rows", async () => {
    await insertUsers(db(), T.user, [{ name: 'a', age: 1 }, { name: 'b', age: 2 }]);
    const select = await db().sendNativeQuery(DS, `SELECT name, age FROM "${T.user}" WHERE age > $1 ORDER BY id`, [0]);
    expect(select).toMatchObject({ command: 'SELECT', rowCount: 2, rows: [{ name: 'a', age: 1 }, { name: 'b', age: 2 }] });
    const insert = await db().sendNativeQuery(DS, `INSERT INTO "${T.user}" (name, active) VALUES ($1, $2)`, ['c', true]);
    expect(insert).toMatchObject({ command: 'INSERT', rowCount: 1, rows: [] });
    const returning = await db().sendNativeQuery(DS, `UPDATE "${T.user}" SET age = $1 RETURNING name`, [5]);
    expect(returning).toMatchObject({ command: 'UPDATE', rowCount: 3 });
    const any = await db().sendNativeQuery(DS, `SELECT count(*) AS n FROM "${T.user}" WHERE name = ANY($1)`, [['a', 'c']]);
    expect(any.rows).toEqual([{ n: '2' }]);
    const script = await db().sendNativeQuery(DS, `CREATE TEMP TABLE ${PREFIX}tmp (a int); INSERT INTO ${PREFIX}tmp VALUES (1), (2);`, []);
    expect(script).toMatchObject({ command: 'INSERT', rowCount: 2 });
  });
});
