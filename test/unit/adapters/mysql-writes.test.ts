import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import type { Stage3Query } from '../../../src/query/shapes.js';
import { BLANK_USER, cleanup, DS, fetch, find, insertUsers, MYSQL_URL, names, setup, tableNames } from './mysql-fixtures.js';

const PREFIX = 'myt_w_';
const { user: USER } = tableNames(PREFIX);
let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;

const user = (fields: Record<string, unknown>) => ({ ...BLANK_USER, ...fields });
const count = (): Promise<number> => db().count(DS, { method: 'count', using: USER, criteria: { where: {} }, numericAttrName: 'undefined' });

describe.skipIf(!MYSQL_URL)('MySQL adapter: create / createEach', () => {
  beforeEach(async () => {
    adapter = await setup(PREFIX);
  });
  afterEach(() => cleanup(adapter, PREFIX));

  it('creates with a generated id and returns the stored row when fetching', async () => {
    const row = await db().create(DS, { method: 'create', using: USER, newRecord: user({ name: 'ann', age: 1.5, active: true, stamp: 1_700_000_000_123 }), meta: fetch });
    expect(row).toEqual({ id: 1, name: 'ann', email: null, age: 1.5, active: true, data: null, blob: null, best_pet: null, stamp: 1_700_000_000_123 });
    expect(await db().create(DS, { method: 'create', using: USER, newRecord: user({ name: 'bob' }) })).toBeUndefined();
    expect(await count()).toBe(2);
  });

  it('keeps an explicit id and continues the sequence after it', async () => {
    await db().create(DS, { method: 'create', using: USER, newRecord: user({ id: 50, name: 'x' }) });
    const next = await db().create(DS, { method: 'create', using: USER, newRecord: user({ name: 'y' }), meta: fetch });
    expect(next?.id).toBe(51);
  });

  it('round-trips booleans, json, floats, big timestamps and Buffer refs', async () => {
    const buffer = Buffer.from([0, 1, 2, 255]);
    const [a, b] = await insertUsers(db(), USER, [
      { name: 'a', active: false, data: { nested: [1, { x: null }], s: 'ü€😀' }, age: 0.1 + 0.2, blob: buffer, stamp: Date.UTC(2030, 0, 1) },
      { name: 'b', active: true, data: 'just a string' },
      { name: 'c', data: '7' },
    ]);
    expect(a).toMatchObject({ active: false, data: { nested: [1, { x: null }], s: 'ü€😀' }, age: 0.1 + 0.2, stamp: Date.UTC(2030, 0, 1) });
    expect(typeof a?.stamp).toBe('number');
    expect(Buffer.isBuffer(a?.blob) && (a.blob as Buffer).equals(buffer)).toBe(true);
    expect(b).toMatchObject({ active: true, data: 'just a string' });
    const again = await db().find(DS, find(USER, { where: {}, sort: [{ id: 'ASC' }] }));
    expect(again[0]).toEqual(a);
    // A JSON string that looks like a number stays a string.
    expect(again[2]?.data).toBe('7');
  });

  it('inserts a record with no values, letting every column default', async () => {
    const row = await db().create(DS, { method: 'create', using: USER, newRecord: { id: null }, meta: fetch });
    expect(row).toMatchObject({ id: 1, name: null });
    const rows = await db().createEach(DS, { method: 'createEach', using: USER, newRecords: [{ id: null }, { id: null }], meta: fetch });
    expect(rows?.map((r) => r.id)).toEqual([2, 3]);
    await db().createEach(DS, { method: 'createEach', using: USER, newRecords: [{ id: null }, { id: null }] });
    expect(await count()).toBe(5);
  });

  it('returns createEach rows in input order', async () => {
    const rows = await insertUsers(db(), USER, [{ name: 'c' }, { id: 10, name: 'a' }, { name: 'b' }]);
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      [1, 'c'],
      [10, 'a'],
      [11, 'b'],
    ]);
  });

  it('inserts createEach without fetch in one statement, explicit and generated ids mixed', async () => {
    await db().createEach(DS, { method: 'createEach', using: USER, newRecords: [user({ name: 'p' }), user({ id: 7, name: 'q' }), user({ name: 'r' })] });
    const rows = await db().find(DS, find(USER, { where: {}, sort: [{ id: 'ASC' }], select: ['id', 'name'] }));
    expect(rows).toEqual([
      { id: 1, name: 'p' },
      { id: 7, name: 'q' },
      { id: 8, name: 'r' },
    ]);
    expect(await db().createEach(DS, { method: 'createEach', using: USER, newRecords: [], meta: fetch })).toEqual([]);
  });

  it('is all-or-nothing: a unique violation on the 3rd row leaves no rows, with or without fetch', async () => {
    const rows = [
      { name: 'a', email: 'same@x.io' },
      { name: 'b', email: 'other@x.io' },
      { name: 'c', email: 'same@x.io' },
      { name: 'd', email: 'last@x.io' },
    ];
    await expect(insertUsers(db(), USER, rows)).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    expect(await count()).toBe(0);
    const plain = db().createEach(DS, { method: 'createEach', using: USER, newRecords: rows.map(user) });
    await expect(plain).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    expect(await count()).toBe(0);
  });

  it('reports unique violations with the column names and the driver error as cause', async () => {
    await insertUsers(db(), USER, [{ name: 'a', email: 'a@x.io' }]);
    const error: unknown = await db().create(DS, { method: 'create', using: USER, newRecord: user({ email: 'a@x.io' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    expect((error as Error).cause).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062 });
    const dupId = await db().create(DS, { method: 'create', using: USER, newRecord: user({ id: 1 }) }).catch((e: unknown) => e);
    expect(dupId).toMatchObject({ footprint: { identity: 'notUnique', keys: ['id'] } });
    // Any number of NULLs fit under a unique constraint.
    await insertUsers(db(), USER, [{ email: null }, { email: null }]);
  });

  it('classifies a missing table and keeps the SQL for anything else', async () => {
    await expect(db().find(DS, find('myt_w_nope', { where: {} }))).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
    const error = await db().find(DS, find(USER, { where: { nope: 1 } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ footprint: { identity: 'catchall' } });
    expect((error as Error).message).toMatch(/Unknown column 'nope'[\s\S]*SQL: SELECT \* FROM `myt_w_user` WHERE `nope` = \?/);
  });
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: update / destroy', () => {
  beforeEach(async () => {
    adapter = await setup(PREFIX);
    await insertUsers(db(), USER, [
      { name: 'a', age: 1, email: 'a@x.io' },
      { name: 'b', age: 2, email: 'b@x.io' },
      { name: 'c', age: 3 },
    ]);
  });
  afterEach(() => cleanup(adapter, PREFIX));

  const update = (criteria: Stage3Query['criteria'], valuesToSet: Record<string, unknown>, meta?: Stage3Query['meta']) =>
    db().update(DS, { method: 'update', using: USER, criteria, valuesToSet, ...(meta ? { meta } : {}) });

  it('returns updated rows only when fetching', async () => {
    expect(await update({ where: { age: { '>': 1 } } }, { active: true })).toBeUndefined();
    const rows = await update({ where: { age: { '>': 1 } } }, { name: 'z', data: { k: 1 } }, fetch);
    expect(rows?.map((r) => [r.id, r.name, r.active, r.data])).toEqual([
      [2, 'z', true, { k: 1 }],
      [3, 'z', true, { k: 1 }],
    ]);
    expect(await update({ where: { name: 'nobody' } }, { age: 5 }, fetch)).toEqual([]);
  });

  it('reports the new primary key when the update changes it', async () => {
    const rows = await update({ where: { id: 1 } }, { id: 100 }, fetch);
    expect(rows).toMatchObject([{ id: 100, name: 'a' }]);
    expect(names(await db().find(DS, find(USER, { where: { id: 100 } })))).toEqual(['a']);
  });

  it('applies sort/limit/skip to the rows it updates, with and without fetch', async () => {
    const rows = await update({ where: {}, sort: [{ age: 'DESC' }], limit: 1, skip: 1 }, { name: 'picked' }, fetch);
    expect(rows).toMatchObject([{ id: 2, name: 'picked' }]);
    await update({ where: {}, sort: [{ age: 'ASC' }], limit: 1 }, { name: 'first' });
    await update({ where: {}, sort: [{ age: 'ASC' }], skip: 2 }, { name: 'last' });
    expect(names(await db().find(DS, find(USER, { where: {}, sort: [{ id: 'ASC' }] })))).toEqual(['first', 'picked', 'last']);
  });

  it('handles an empty valuesToSet', async () => {
    expect(await update({ where: { id: 1 } }, {}, fetch)).toMatchObject([{ id: 1, name: 'a' }]);
    expect(await update({ where: { id: 1 } }, {})).toBeUndefined();
  });

  it('reports unique violations on update, but not for a row keeping its own value', async () => {
    await expect(update({ where: { id: 2 } }, { email: 'a@x.io' })).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    await expect(update({ where: { id: 2 } }, { email: 'a@x.io' }, fetch)).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    await update({ where: { id: 1 } }, { email: 'a@x.io' });
    expect(names(await db().find(DS, find(USER, { where: { email: 'b@x.io' } })))).toEqual(['b']);
  });

  it('destroys and returns the rows as they were', async () => {
    const gone = await db().destroy(DS, { method: 'destroy', using: USER, criteria: { where: { age: { '<': 3 } } }, meta: fetch });
    expect(gone?.map((r) => [r.id, r.name, r.active])).toEqual([
      [1, 'a', null],
      [2, 'b', null],
    ]);
    expect(await db().destroy(DS, { method: 'destroy', using: USER, criteria: { where: { name: 'nobody' } }, meta: fetch })).toEqual([]);
    expect(await db().destroy(DS, { method: 'destroy', using: USER, criteria: { where: {} } })).toBeUndefined();
    expect(await count()).toBe(0);
  });

  it('pages destroy with sort/limit/skip', async () => {
    await db().destroy(DS, { method: 'destroy', using: USER, criteria: { where: {}, sort: [{ age: 'DESC' }], limit: 1, skip: 1 } });
    expect(names(await db().find(DS, find(USER, { where: {}, sort: [{ id: 'ASC' }] })))).toEqual(['a', 'c']);
    const gone = await db().destroy(DS, { method: 'destroy', using: USER, criteria: { where: {}, sort: [{ age: 'ASC' }], limit: 1 }, meta: fetch });
    expect(names(gone)).toEqual(['a']);
  });
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: count / sum / avg', () => {
  beforeEach(async () => {
    adapter = await setup(PREFIX);
  });
  afterEach(() => cleanup(adapter, PREFIX));

  it('aggregates, giving 0 for no rows', async () => {
    const agg = (method: 'sum' | 'avg' | 'count', where = {}, extra = {}, column = 'age') =>
      db()[method](DS, { method, using: USER, numericAttrName: column, criteria: { where, ...extra } });
    expect(await agg('sum')).toBe(0);
    expect(await agg('avg')).toBe(0);
    expect(await agg('count')).toBe(0);
    await insertUsers(db(), USER, [{ age: 1.5 }, { age: 2 }, { age: 4 }, { age: null }]);
    expect(await agg('sum')).toBe(7.5);
    expect(await agg('avg')).toBe(2.5);
    expect(await agg('count')).toBe(4);
    expect(await agg('sum', { age: { '>': 1.5 } })).toBe(6);
    expect(await agg('sum', {}, { sort: [{ age: 'DESC' }], limit: 2 })).toBe(6);
    expect(await agg('count', {}, { limit: 2, skip: 1 })).toBe(2);
    // Integer columns aggregate as DECIMAL, which the driver returns as text.
    expect(await agg('sum', {}, {}, 'id')).toBe(10);
    expect(await agg('avg', {}, {}, 'id')).toBe(2.5);
  });
});
