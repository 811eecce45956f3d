import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../../src/adapters/adapter.js';
import { createSqliteAdapter, type SqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import { DS, fetch, find } from './sqlite-fixtures.js';

const V1: TableDefinition = {
  id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
  name: { columnType: '_string' },
  nick: { columnType: '_string' },
  gone: { columnType: '_string' },
};

let adapter: SqliteAdapter;
const dirs: string[] = [];

async function open(config: Record<string, unknown> = { filename: ':memory:' }): Promise<SqliteAdapter> {
  adapter = createSqliteAdapter();
  await adapter.registerDatastore({ adapter: 'sqlite', identity: DS, ...config }, {});
  return adapter;
}

async function seed(rows: Record<string, unknown>[]): Promise<void> {
  await adapter.createEach(DS, { method: 'createEach', using: 'person', newRecords: rows.map((r) => ({ id: null, ...r })) });
}

const all = () => adapter.find(DS, find('person', { where: {}, sort: [{ id: 'ASC' }] }));

function tmpdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-sqlite-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await adapter.teardown(null);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite adapter: define / drop / alter / setSequence', () => {
  it('defines tables with keys, unique columns and auto-increment; drop tolerates absence', async () => {
    await open();
    await adapter.define(DS, 'person', { ...V1, email: { columnType: '_string', unique: true } });
    await seed([{ email: 'a' }]);
    await expect(seed([{ email: 'a' }])).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    await adapter.drop(DS, 'person');
    await adapter.drop(DS, 'person');
    await expect(all()).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
  });

  it('refuses definitions SQLite cannot honour', async () => {
    await open();
    await expect(adapter.define(DS, 't', { n: { columnType: '_number', autoIncrement: true } })).rejects.toThrow(/only auto-increment the primary key/);
    await expect(adapter.define(DS, 't', { n: { columnType: '_string', autoIncrement: true, primaryKey: true } })).rejects.toThrow(/numeric column type/);
    await expect(adapter.define(DS, 't', { n: { columnType: 'text); DROP TABLE x; --' } })).rejects.toThrow(/is not a column type/);
  });

  it('alter creates a missing table', async () => {
    await open();
    await adapter.alter(DS, 'person', V1);
    await seed([{ name: 'a' }]);
    expect(await all()).toEqual([{ id: 1, name: 'a', nick: null, gone: null }]);
  });

  it('alter keeps every row and the id sequence, adding and removing columns', async () => {
    await open();
    await adapter.define(DS, 'person', V1);
    await seed([{ name: 'a', nick: 'x', gone: 'g' }, { name: 'b' }, { name: 'c' }]);
    await adapter.destroy(DS, { method: 'destroy', using: 'person', criteria: { where: { name: 'c' } } });
    const { gone: _gone, ...kept } = V1;
    await adapter.alter(DS, 'person', { ...kept, score: { columnType: '_number' }, nick: { columnType: '_string', unique: true } });
    expect(await all()).toEqual([
      { id: 1, name: 'a', nick: 'x', score: null },
      { id: 2, name: 'b', nick: null, score: null },
    ]);
    const next = await adapter.create(DS, { method: 'create', using: 'person', newRecord: { id: null, name: 'd' }, meta: fetch });
    expect(next?.id).toBe(4);
  });

  it('alter refuses, changing nothing, when rows break a new unique constraint', async () => {
    await open();
    await adapter.define(DS, 'person', V1);
    await seed([{ name: 'a', nick: 'same' }, { name: 'b', nick: 'same' }]);
    const error = await adapter.alter(DS, 'person', { ...V1, nick: { columnType: '_string', unique: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Cannot alter table `person`.*UNIQUE constraint failed: person\.nick.*Nothing was changed/);
    expect(await all()).toHaveLength(2);
    // Still the old definition: duplicates are accepted, and no scratch table remains.
    await seed([{ nick: 'same' }]);
    const native = await adapter.sendNativeQuery(DS, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'person%'", []);
    expect(native.rows).toEqual([{ name: 'person' }]);
  });

  it('setSequence moves the next generated id', async () => {
    await open();
    await adapter.define(DS, 'person', V1);
    await seed([{ name: 'a' }]);
    await adapter.setSequence(DS, 'person_id_seq', 41);
    const row = await adapter.create(DS, { method: 'create', using: 'person', newRecord: { id: null, name: 'b' }, meta: fetch });
    expect(row?.id).toBe(42);
    await adapter.setSequence(DS, 'unknown_id_seq', 5);
  });
});

describe('SQLite adapter: datastore configuration', () => {
  it('opens a file from `filename` or a `sqlite:` url, and data persists', async () => {
    const file = path.join(tmpdir(), 'app.sqlite');
    await open({ filename: file });
    await adapter.define(DS, 'person', V1);
    await seed([{ name: 'kept' }]);
    await adapter.teardown(DS);
    await open({ url: `sqlite:${file}` });
    expect((await all()).map((r) => r.name)).toEqual(['kept']);
    await adapter.teardown(DS);
    await open({ url: 'sqlite::memory:' });
    await expect(all()).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
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

  it('refuses to register the same datastore twice', async () => {
    await open();
    await expect(adapter.registerDatastore({ adapter: 'sqlite', identity: DS, filename: ':memory:' }, {})).rejects.toThrow(/already registered/);
  });
});
