import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapters/adapter.js';
import type { SqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import { DS, find, insertUsers, names, setup } from './sqlite-fixtures.js';

let adapter: SqliteAdapter;

beforeEach(async () => {
  adapter = await setup();
});

const all = (meta?: { leasedConnection: Connection }) => adapter.find(DS, find('user', { where: {}, sort: [{ id: 'ASC' }] }, meta ? { meta } : {}));
const add = (name: string, leasedConnection?: Connection) =>
  adapter.create(DS, { method: 'create', using: 'user', newRecord: { id: null, name }, ...(leasedConnection ? { meta: { leasedConnection } } : {}) });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SQLite adapter: transactions', () => {
  it('commits what `during` did and returns its result', async () => {
    const result = await adapter.transaction(DS, async (db) => {
      await add('a', db);
      await add('b', db);
      return 'done';
    });
    expect(result).toBe('done');
    expect(names(await all())).toEqual(['a', 'b']);
  });

  it('rolls everything back when `during` throws', async () => {
    await add('before');
    const boom = new Error('boom');
    await expect(
      adapter.transaction(DS, async (db) => {
        await add('a', db);
        await adapter.update(DS, { method: 'update', using: 'user', criteria: { where: {} }, valuesToSet: { age: 9 }, meta: { leasedConnection: db } });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await all()).toMatchObject([{ name: 'before', age: null }]);
  });

  it('makes outside queries wait until the transaction ends, in order', async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = adapter.transaction(DS, async (db) => {
      await add('inside', db);
      events.push('tx wrote');
      await gate;
      events.push('tx ends');
    });
    await tick();
    const outsideRead = all().then((rows) => events.push(`outside read ${names(rows).join(',')}`));
    const outsideWrite = add('outside').then(() => events.push('outside wrote'));
    await tick();
    expect(events).toEqual(['tx wrote']);
    release();
    await Promise.all([tx, outsideRead, outsideWrite]);
    expect(events).toEqual(['tx wrote', 'tx ends', 'outside read inside', 'outside wrote']);
  });

  it('outside queries never see or join a transaction that rolls back', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = adapter.transaction(DS, async (db) => {
      await add('doomed', db);
      await gate;
      throw new Error('rollback');
    });
    await tick();
    const outside = add('survivor');
    release();
    await expect(tx).rejects.toThrow('rollback');
    await outside;
    expect(names(await all())).toEqual(['survivor']);
  });

  it('runs a query from inside `during` that forgot the connection on the transaction, instead of deadlocking', async () => {
    await expect(
      adapter.transaction(DS, async (db) => {
        await add('inner', db);
        expect(names(await all())).toEqual(['inner']);
        await add('forgot');
        throw new Error('undo all');
      }),
    ).rejects.toThrow('undo all');
    expect(await all()).toEqual([]);
  });

  it('turns a nested transaction into a savepoint', async () => {
    await adapter.transaction(DS, async (db) => {
      await add('outer', db);
      await expect(
        adapter.transaction(DS, async (inner) => {
          expect(inner).toBe(db);
          await add('inner', inner);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await adapter.transaction(DS, async (inner) => add('inner ok', inner));
      await adapter.leaseConnection(DS, async (inner) => add('leased', inner));
    });
    expect(names(await all())).toEqual(['outer', 'inner ok', 'leased']);
  });

  it('refuses a connection after its transaction ended, or from elsewhere', async () => {
    const stale = await adapter.transaction(DS, async (db) => db);
    await expect(all({ leasedConnection: stale })).rejects.toThrow(/already released/);
    await expect(all({ leasedConnection: {} })).rejects.toThrow(/not a connection of this datastore/);
  });

  it('keeps createEach atomic inside a transaction (savepoint) without ending it', async () => {
    await adapter.transaction(DS, async (db) => {
      await add('kept', db);
      await expect(
        adapter.createEach(DS, {
          method: 'createEach',
          using: 'user',
          newRecords: [{ id: null, email: 'x' }, { id: null, email: 'x' }],
          meta: { leasedConnection: db },
        }),
      ).rejects.toMatchObject({ footprint: { identity: 'notUnique' } });
    });
    expect(names(await all())).toEqual(['kept']);
  });
});

describe('SQLite adapter: leaseConnection', () => {
  it('gives exclusive use of the connection while `during` runs', async () => {
    const events: string[] = [];
    const lease = adapter.leaseConnection(DS, async (db) => {
      await add('a', db);
      await tick();
      events.push('lease done');
      return 7;
    });
    const outside = add('b').then(() => events.push('outside'));
    expect(await lease).toBe(7);
    await outside;
    expect(events).toEqual(['lease done', 'outside']);
  });

  it('rolls back and reports a transaction left open by the lease', async () => {
    await expect(
      adapter.leaseConnection(DS, async (db) => {
        await adapter.sendNativeQuery(DS, 'BEGIN', [], { leasedConnection: db });
        await add('a', db);
      }),
    ).rejects.toThrow(/transaction still open; it was rolled back/);
    expect(await all()).toEqual([]);
  });
});

describe('SQLite adapter: sendNativeQuery', () => {
  it('returns rows, changes and lastInsertRowid', async () => {
    await insertUsers(adapter, [{ name: 'a', age: 1 }, { name: 'b', age: 2 }]);
    const select = await adapter.sendNativeQuery(DS, 'SELECT name, age FROM "user" WHERE age > ? ORDER BY id', [0]);
    expect(select).toEqual({ rows: [{ name: 'a', age: 1 }, { name: 'b', age: 2 }], changes: 0, lastInsertRowid: 2 });
    const insert = await adapter.sendNativeQuery(DS, 'INSERT INTO "user" (name, active) VALUES ($1, $2)', ['c', true]);
    expect(insert).toEqual({ rows: [], changes: 1, lastInsertRowid: 3 });
    const returning = await adapter.sendNativeQuery(DS, 'UPDATE "user" SET age = ?1 WHERE age IS NOT ?1 RETURNING name', [5]);
    expect(returning.rows).toHaveLength(3);
    expect(returning.changes).toBe(3);
    const script = await adapter.sendNativeQuery(DS, 'CREATE TABLE "x" (a); INSERT INTO "x" VALUES (1); INSERT INTO "x" VALUES (2);', []);
    expect(script).toMatchObject({ rows: [], changes: 2 });
  });

  it('classifies native errors like adapter errors', async () => {
    await insertUsers(adapter, [{ email: 'a' }]);
    await expect(adapter.sendNativeQuery(DS, 'INSERT INTO "user" (email) VALUES (?)', ['a'])).rejects.toMatchObject({
      footprint: { identity: 'notUnique', keys: ['email'] },
    });
    await expect(adapter.sendNativeQuery(DS, 'SELECT * FROM nope', [])).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
    await expect(adapter.sendNativeQuery(DS, 'SELEKT 1', [])).rejects.toMatchObject({ footprint: { identity: 'catchall' }, sql: 'SELEKT 1' });
  });
});
