import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapters/adapter.js';
import type { MysqlAdapter, MysqlNativeResult } from '../../../src/adapters/mysql/index.js';
import { cleanup, definitions, DS, find, insertUsers, MYSQL_URL, names, open, physicalModels, setup, tableNames } from './mysql-fixtures.js';

const PREFIX = 'myt_t_';
const { user: USER } = tableNames(PREFIX);
let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;

const all = (leasedConnection?: Connection) =>
  db().find(DS, find(USER, { where: {}, sort: [{ id: 'ASC' }] }, leasedConnection ? { meta: { leasedConnection } } : {}));
const add = (name: string, leasedConnection?: Connection, email?: string) =>
  db().create(DS, { method: 'create', using: USER, newRecord: { id: null, name, email: email ?? null }, ...(leasedConnection ? { meta: { leasedConnection } } : {}) });
const rowsOf = (result: MysqlNativeResult) => ('rows' in result ? result.rows : []);

beforeEach(async () => {
  if (MYSQL_URL) adapter = await setup(PREFIX, { connectionLimit: 4 });
});
afterEach(() => cleanup(adapter, PREFIX));

describe.skipIf(!MYSQL_URL)('MySQL adapter: transactions', () => {
  it('commits what `during` did and returns its result', async () => {
    const result = await db().transaction(DS, async (tx) => {
      await add('a', tx);
      await add('b', tx);
      return 'done';
    });
    expect(result).toBe('done');
    expect(names(await all())).toEqual(['a', 'b']);
  });

  it('rolls everything back when `during` throws', async () => {
    await add('before');
    const boom = new Error('boom');
    await expect(
      db().transaction(DS, async (tx) => {
        await add('a', tx);
        await db().update(DS, { method: 'update', using: USER, criteria: { where: {} }, valuesToSet: { age: 9 }, meta: { leasedConnection: tx } });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await all()).toMatchObject([{ name: 'before', age: null }]);
  });

  it('isolates uncommitted writes from queries outside the transaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside: unknown[] = [];
    const tx = db().transaction(DS, async (conn) => {
      await add('inside', conn);
      inside = names(await all(conn));
      await gate;
    });
    while (inside.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(inside).toEqual(['inside']);
    expect(await all()).toEqual([]);
    await add('outside');
    release();
    await tx;
    expect(names(await all())).toEqual(['inside', 'outside']);
  });

  it('keeps fetched writes atomic inside a transaction (savepoints) without ending it', async () => {
    await db().transaction(DS, async (tx) => {
      await add('kept', tx, 'k@x.io');
      const meta = { leasedConnection: tx, fetch: true };
      await expect(
        db().createEach(DS, { method: 'createEach', using: USER, newRecords: [{ id: null, email: 'x' }, { id: null, email: 'x' }], meta }),
      ).rejects.toMatchObject({ footprint: { identity: 'notUnique' } });
      await expect(db().update(DS, { method: 'update', using: USER, criteria: { where: {} }, valuesToSet: { email: 'dup' }, meta: { ...meta } })).resolves.toHaveLength(1);
      await add('second', tx, 'two@x.io');
      await expect(db().update(DS, { method: 'update', using: USER, criteria: { where: {} }, valuesToSet: { email: 'same' }, meta })).rejects.toMatchObject({
        footprint: { identity: 'notUnique', keys: ['email'] },
      });
      const gone = await db().destroy(DS, { method: 'destroy', using: USER, criteria: { where: { name: 'second' } }, meta });
      expect(names(gone)).toEqual(['second']);
    });
    expect(await all()).toMatchObject([{ name: 'kept', email: 'dup' }]);
  });

  it('runs independent transactions side by side on separate connections', async () => {
    await Promise.all(['p', 'q', 'r'].map((name) => db().transaction(DS, async (tx) => add(name, tx))));
    expect(names(await all()).sort()).toEqual(['p', 'q', 'r']);
  });

  it('refuses a connection after its transaction ended, or from elsewhere', async () => {
    const stale = await db().transaction(DS, async (tx) => tx);
    await expect(all(stale)).rejects.toThrow(/already released/);
    await expect(all({})).rejects.toThrow(/not a connection of this datastore/);
  });
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: leaseConnection', () => {
  it('keeps one connection (and its session) for the whole of `during`', async () => {
    const result = await db().leaseConnection(DS, async (conn) => {
      const meta = { leasedConnection: conn };
      await db().sendNativeQuery(DS, 'SET @mooring_probe = ?', [7], meta);
      return rowsOf(await db().sendNativeQuery(DS, 'SELECT @mooring_probe AS v', [], meta));
    });
    expect(result).toEqual([{ v: 7 }]);
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

  it('rolls back a transaction left open by a lease that throws, before pooling the connection again', async () => {
    const solo = await open({ connectionLimit: 1 }, physicalModels(definitions(tableNames(PREFIX))));
    try {
      const boom = new Error('boom');
      await expect(
        solo.leaseConnection(DS, async (conn) => {
          await solo.sendNativeQuery(DS, 'START TRANSACTION', [], { leasedConnection: conn });
          throw boom;
        }),
      ).rejects.toBe(boom);
      // The pool's only connection is in autocommit again: this write is visible elsewhere at once.
      await solo.create(DS, { method: 'create', using: USER, newRecord: { id: null, name: 'after' } });
      expect(names(await all())).toEqual(['after']);
    } finally {
      await solo.teardown(null);
    }
  });

  it('says the server cannot be reached when the connection is lost', async () => {
    const error = await db()
      .leaseConnection(DS, async (conn) => {
        const [row] = rowsOf(await db().sendNativeQuery(DS, 'SELECT CONNECTION_ID() AS id', [], { leasedConnection: conn }));
        await db().sendNativeQuery(DS, `KILL ${Number(row?.id)}`, []);
        await all(conn);
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Datastore `test` cannot reach the MySQL server at 127\.0\.0\.1:3306 \(.*\)/);
    // The broken connection was discarded, not returned to the pool.
    expect(await all()).toEqual([]);
  });
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: sendNativeQuery', () => {
  it('returns {rows, fields} for SELECT and the driver result otherwise', async () => {
    await insertUsers(db(), USER, [{ name: 'a', age: 1 }, { name: 'b', age: 2 }]);
    const select = await db().sendNativeQuery(DS, `SELECT name, age FROM \`${USER}\` WHERE age > ? ORDER BY id`, [0]);
    expect(select).toMatchObject({ rows: [{ name: 'a', age: 1 }, { name: 'b', age: 2 }] });
    expect('fields' in select && select.fields.map((f) => f.name)).toEqual(['name', 'age']);
    const insert = await db().sendNativeQuery(DS, `INSERT INTO \`${USER}\` (name, active) VALUES ($1, $2)`, ['c', true]);
    expect(insert).toMatchObject({ affectedRows: 1, insertId: 3 });
    const update = await db().sendNativeQuery(DS, `UPDATE \`${USER}\` SET age = $1 WHERE name <> '$1' AND age IS NULL OR age < $1`, [5]);
    expect(update).toMatchObject({ affectedRows: 3 });
  });

  it('classifies native errors like adapter errors', async () => {
    await insertUsers(db(), USER, [{ email: 'a' }]);
    await expect(db().sendNativeQuery(DS, `INSERT INTO \`${USER}\` (email) VALUES (?)`, ['a'])).rejects.toMatchObject({
      footprint: { identity: 'notUnique', keys: ['email'] },
    });
    await expect(db().sendNativeQuery(DS, 'SELECT * FROM myt_t_nope', [])).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
    await expect(db().sendNativeQuery(DS, 'SELEKT 1', [])).rejects.toMatchObject({ footprint: { identity: 'catchall' }, sql: 'SELEKT 1' });
    await expect(db().sendNativeQuery(DS, 'SELECT $2', [1])).rejects.toThrow(/\$2` has no value/);
  });

  it('refuses to leave a native transaction open on a pooled connection', async () => {
    await expect(db().sendNativeQuery(DS, 'START TRANSACTION', [])).rejects.toThrow(/cannot leave a transaction open.*rolled back/);
  });
});
