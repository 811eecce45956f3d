/** SQLite-only behaviour: one connection behind a gate, native results, ref values, files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapters/adapter.js';
import { createSqliteAdapter, type SqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import { cleanup, DS, find, insertUsers, names, setup, tableNames } from './fixtures/index.js';
import { sqlite } from './fixtures/sqlite.js';

const PREFIX = 'us_';
const T = tableNames(PREFIX);
let adapter: SqliteAdapter | undefined;
const db = (): SqliteAdapter => adapter!;

const all = () => db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }] }));
const add = (name: string, leasedConnection?: Connection) =>
  db().create(DS, { method: 'create', using: T.user, newRecord: { id: null, name }, ...(leasedConnection ? { meta: { leasedConnection } } : {}) });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SQLite adapter: one gated connection', () => {
  beforeEach(async () => {
    await adapter?.teardown(null);
    adapter = await setup(sqlite, PREFIX);
  });
  afterAll(() => cleanup(sqlite, adapter, PREFIX));

  it('makes outside queries wait until the transaction ends, in order', async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = db().transaction(DS, async (conn) => {
      await add('inside', conn);
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
    const tx = db().transaction(DS, async (conn) => {
      await add('doomed', conn);
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

  it('gives a lease exclusive use of the connection while `during` runs', async () => {
    const events: string[] = [];
    const lease = db().leaseConnection(DS, async (conn) => {
      await add('a', conn);
      await tick();
      events.push('lease done');
      return 7;
    });
    const outside = add('b').then(() => events.push('outside'));
    expect(await lease).toBe(7);
    await outside;
    expect(events).toEqual(['lease done', 'outside']);
  });

  it('sendNativeQuery returns rows, changes and lastInsertRowid, and runs scripts', async () => {
    await insertUsers(db(), T.user, [{ name: 'a', age: 1 }, { name: 'b', age: 2 }]);
    const select = await db().sendNativeQuery(DS, `SELECT name, age FROM "${T.user}" WHERE age > ? ORDER BY id`, [0]);
    expect(select).toEqual({ rows: [{ name: 'a', age: 1 }, { name: 'b', age: 2 }], changes: 0, lastInsertRowid: 2 });
    const insert = await db().sendNativeQuery(DS, `INSERT INTO "${T.user}" (name, active) VALUES ($1, $2)`, ['c', true]);
    expect(insert).toEqual({ rows: [], changes: 1, lastInsertRowid: 3 });
    const returning = await db().sendNativeQuery(DS, `UPDATE "${T.user}" SET age = ?1 WHERE age IS NOT ?1 RETURNING name`, [5]);
    expect(returning.rows).toHaveLength(3);
    expect(returning.changes).toBe(3);
    const script = await db().sendNativeQuery(DS, `CREATE TABLE "${PREFIX}x" (a); INSERT INTO "${PREFIX}x" VALUES (1); INSERT INTO "${PREFIX}x" VALUES (2);`, []);
    expect(script).toMatchObject({ rows: [], changes: 2 });
  });

  it('stores a Date in a ref column as its ISO text', async () => {
    const [b] = await insertUsers(db(), T.user, [{ name: 'b', blob: new Date('2024-01-02T03:04:05.678Z') }]);
    expect(b).toMatchObject({ blob: '2024-01-02T03:04:05.678Z' });
  });

  it('refuses to auto-increment anything but the primary key', async () => {
    await expect(db().define(DS, `${PREFIX}t`, { n: { columnType: '_number', autoIncrement: true } })).rejects.toThrow(/only auto-increment the primary key/);
  });
});

describe('SQLite adapter: datastore configuration', () => {
  const V1 = { id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true }, name: { columnType: '_string' } };
  const dirs: string[] = [];
  let own: SqliteAdapter | undefined;
  const open = async (config: Record<string, unknown>) => {
    own = createSqliteAdapter();
    await own.registerDatastore({ adapter: 'sqlite', identity: DS, ...config }, {});
    return own;
  };
  const tmpdir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-sqlite-'));
    dirs.push(dir);
    return dir;
  };
  const people = async (a: SqliteAdapter) => names(await a.find(DS, find('person', { where: {} })));
  afterEach(async () => {
    await own?.teardown(null);
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a file from `filename` or a `sqlite:` url, and data persists', async () => {
    const file = path.join(tmpdir(), 'app.sqlite');
    const first = await open({ filename: file });
    await first.define(DS, 'person', V1);
    await first.createEach(DS, { method: 'createEach', using: 'person', newRecords: [{ id: null, name: 'kept' }] });
    await first.teardown(DS);
    const second = await open({ url: `sqlite:${file}` });
    expect(await people(second)).toEqual(['kept']);
    await second.teardown(DS);
    const memory = await open({ url: 'sqlite::memory:' });
    await expect(people(memory)).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
  });

  it('names the datastore and the path, and says what to fix, when the file cannot be opened', async () => {
    const missing = path.join(tmpdir(), 'no', 'such', 'dir', 'db.sqlite');
    await expect(open({ filename: missing })).rejects.toThrow(
      new RegExp(`Datastore \`${DS}\`: cannot open the SQLite database file \`${missing.replaceAll('\\', '\\\\')}\`.*directory.*exists`),
    );
    const garbage = path.join(tmpdir(), 'garbage.sqlite');
    fs.writeFileSync(garbage, 'this is not a database, just some text that is long enough to have a header......');
    await expect(open({ filename: garbage })).rejects.toThrow(/cannot open the SQLite database file.*not a database/);
    await expect(open({ url: 'postgres://x' })).rejects.toThrow(/`url` must look like `sqlite:<path>`/);
  });
});
