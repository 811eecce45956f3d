import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapters/adapter.js';
import type { PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import { cleanup, DS, find, insertUsers, names, SERVER_URL, setup, tableNames } from './postgresql-fixtures.js';

const T = tableNames('pgx');
let adapter: PostgresqlAdapter | undefined;
const db = (): PostgresqlAdapter => adapter as PostgresqlAdapter;

const all = (meta?: { leasedConnection: Connection }) => db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }] }, meta ? { meta } : {}));
const add = (name: string, leasedConnection?: Connection) =>
  db().create(DS, { method: 'create', using: T.user, newRecord: { id: null, name }, ...(leasedConnection ? { meta: { leasedConnection } } : {}) });
const backendPid = async (leasedConnection?: Connection): Promise<unknown> =>
  (await db().sendNativeQuery(DS, 'SELECT pg_backend_pid() AS pid', [], leasedConnection ? { leasedConnection } : undefined)).rows[0]?.pid;

describe.skipIf(!SERVER_URL)('PostgreSQL adapter', () => {
  beforeEach(async () => {
    await adapter?.teardown(null);
    adapter = await setup(T);
  });
  afterAll(() => cleanup(adapter, Object.values(T)));

  describe('transactions', () => {
    it('commits what `during` did and returns its result', async () => {
      const result = await db().transaction(DS, async (conn) => {
        await add('a', conn);
        await add('b', conn);
        return 'done';
      });
      expect(result).toBe('done');
      expect(names(await all())).toEqual(['a', 'b']);
    });

    it('rolls everything back when `during` throws', async () => {
      await add('before');
      const boom = new Error('boom');
      await expect(
        db().transaction(DS, async (conn) => {
          await add('a', conn);
          await db().update(DS, { method: 'update', using: T.user, criteria: { where: {} }, valuesToSet: { age: 9 }, meta: { leasedConnection: conn } });
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await all()).toMatchObject([{ name: 'before', age: null }]);
    });

    it('isolates: other connections see the writes only after COMMIT', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inside!: () => void;
      const written = new Promise<void>((resolve) => (inside = resolve));
      const tx = db().transaction(DS, async (conn) => {
        await add('inside', conn);
        inside();
        await gate;
      });
      await written;
      // Not inside `during`: this runs on another pooled client and does not see the open transaction.
      expect(await all()).toEqual([]);
      release();
      await tx;
      expect(names(await all())).toEqual(['inside']);
    });

    it('runs a query from inside `during` that forgot the connection on the transaction', async () => {
      await expect(
        db().transaction(DS, async (conn) => {
          await add('inner', conn);
          expect(await backendPid()).toBe(await backendPid(conn));
          expect(names(await all())).toEqual(['inner']);
          await add('forgot');
          throw new Error('undo all');
        }),
      ).rejects.toThrow('undo all');
      expect(await all()).toEqual([]);
    });

    it('turns a nested transaction into a savepoint', async () => {
      await db().transaction(DS, async (conn) => {
        await add('outer', conn);
        await expect(
          db().transaction(DS, async (inner) => {
            expect(inner).toBe(conn);
            await add('inner', inner);
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
        await db().transaction(DS, async (inner) => add('inner ok', inner));
        await db().leaseConnection(DS, async (inner) => add('leased', inner));
      });
      expect(names(await all())).toEqual(['outer', 'inner ok', 'leased']);
    });

    it('refuses a connection after its transaction ended, or from elsewhere', async () => {
      const stale = await db().transaction(DS, async (conn) => conn);
      await expect(all({ leasedConnection: stale })).rejects.toThrow(/already released/);
      await expect(all({ leasedConnection: {} })).rejects.toThrow(/not a connection of this datastore/);
    });

    it('keeps createEach atomic inside a transaction (savepoint) without ending it', async () => {
      await db().transaction(DS, async (conn) => {
        await add('kept', conn);
        await expect(
          db().createEach(DS, {
            method: 'createEach',
            using: T.user,
            newRecords: [{ id: null, name: 'x1' }, { id: 5, name: 'x2', email: 'x' }, { id: null, name: 'x3', email: 'x' }],
            meta: { leasedConnection: conn },
          }),
        ).rejects.toMatchObject({ footprint: { identity: 'notUnique' } });
        await add('after', conn);
      });
      expect(names(await all())).toEqual(['kept', 'after']);
    });
  });

  describe('leaseConnection', () => {
    it('holds one client for `during` and returns its result', async () => {
      const pids = await db().leaseConnection(DS, async (conn) => [await backendPid(conn), await backendPid(conn), await backendPid()]);
      expect(new Set(pids).size).toBe(1);
    });

    it('rolls back and reports a transaction left open by the lease', async () => {
      await expect(
        db().leaseConnection(DS, async (conn) => {
          await db().sendNativeQuery(DS, 'BEGIN', [], { leasedConnection: conn });
          await add('a', conn);
        }),
      ).rejects.toThrow(/transaction still open; it was rolled back/);
      expect(await all()).toEqual([]);
    });

    it('says the server cannot be reached when the connection dies mid-lease', async () => {
      const admin = new pg.Client({ connectionString: SERVER_URL });
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
      expect((error as Error).message).toMatch(/^Datastore `pgtest` cannot reach its PostgreSQL server at 127\.0\.0\.1:5432 \(.*\)/);
      expect(error).toMatchObject({ footprint: { identity: 'catchall' } });
      // The pool drops the dead client; later queries get a fresh one.
      expect(await all()).toEqual([]);
    });

    it('says when every pooled connection stayed busy past connectionTimeoutMillis', async () => {
      const small = await setup(T, { define: false, config: { max: 1, connectionTimeoutMillis: 200 } });
      try {
        let release!: () => void;
        const held = small.leaseConnection(DS, () => new Promise<void>((resolve) => (release = resolve)));
        await new Promise((resolve) => setTimeout(resolve, 20));
        const error = await small.sendNativeQuery(DS, 'SELECT 1', []).catch((e: unknown) => e);
        expect((error as Error).message).toMatch(/^Datastore `pgtest`: all 1 pooled connections stayed busy for 200 ms/);
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
  });

  describe('sendNativeQuery', () => {
    it("returns pg's result: command, rowCount, rows", async () => {
      await insertUsers(db(), T.user, [{ name: 'a', age: 1 }, { name: 'b', age: 2 }]);
      const select = await db().sendNativeQuery(DS, `SELECT name, age FROM "${T.user}" WHERE age > $1 ORDER BY id`, [0]);
      expect(select).toMatchObject({ command: 'SELECT', rowCount: 2, rows: [{ name: 'a', age: 1 }, { name: 'b', age: 2 }] });
      const insert = await db().sendNativeQuery(DS, `INSERT INTO "${T.user}" (name, active) VALUES ($1, $2)`, ['c', true]);
      expect(insert).toMatchObject({ command: 'INSERT', rowCount: 1, rows: [] });
      const returning = await db().sendNativeQuery(DS, `UPDATE "${T.user}" SET age = $1 RETURNING name`, [5]);
      expect(returning).toMatchObject({ command: 'UPDATE', rowCount: 3 });
      const any = await db().sendNativeQuery(DS, `SELECT count(*) AS n FROM "${T.user}" WHERE name = ANY($1)`, [['a', 'c']]);
      expect(any.rows).toEqual([{ n: '2' }]);
      const script = await db().sendNativeQuery(DS, `CREATE TEMP TABLE pgx_tmp (a int); INSERT INTO pgx_tmp VALUES (1), (2);`, []);
      expect(script).toMatchObject({ command: 'INSERT', rowCount: 2 });
    });

    it('classifies native errors like adapter errors', async () => {
      await insertUsers(db(), T.user, [{ email: 'a' }]);
      await expect(db().sendNativeQuery(DS, `INSERT INTO "${T.user}" (email) VALUES ($1)`, ['a'])).rejects.toMatchObject({
        footprint: { identity: 'notUnique', keys: ['email'] },
      });
      await expect(db().sendNativeQuery(DS, 'SELECT * FROM pgx_nope', [])).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
      await expect(db().sendNativeQuery(DS, 'SELEKT 1', [])).rejects.toMatchObject({ footprint: { identity: 'catchall' }, sql: 'SELEKT 1' });
    });
  });
});
