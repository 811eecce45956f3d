import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import type { Stage3Query } from '../../../src/query/shapes.js';
import { DS, fetch, find, insertUsers, names, setup } from './sqlite-fixtures.js';

let adapter: SqliteAdapter;

beforeEach(async () => {
  adapter = await setup();
});

const user = (fields: Record<string, unknown>) => ({
  id: null,
  name: null,
  email: null,
  age: null,
  active: null,
  data: null,
  blob: null,
  best_pet: null,
  ...fields,
});

const count = (): Promise<number> => adapter.count(DS, { method: 'count', using: 'user', criteria: { where: {} }, numericAttrName: 'undefined' });

describe('SQLite adapter: create / createEach', () => {
  it('creates with a generated id and returns the stored row when fetching', async () => {
    const row = await adapter.create(DS, { method: 'create', using: 'user', newRecord: user({ name: 'ann', age: 1.5, active: true }), meta: fetch });
    expect(row).toEqual({ id: 1, name: 'ann', email: null, age: 1.5, active: true, data: null, blob: null, best_pet: null });
    expect(await adapter.create(DS, { method: 'create', using: 'user', newRecord: user({ name: 'bob' }) })).toBeUndefined();
    expect(await count()).toBe(2);
  });

  it('keeps an explicit id and continues the sequence after it', async () => {
    await adapter.create(DS, { method: 'create', using: 'user', newRecord: user({ id: 50, name: 'x' }) });
    const next = await adapter.create(DS, { method: 'create', using: 'user', newRecord: user({ name: 'y' }), meta: fetch });
    expect(next?.id).toBe(51);
  });

  it('round-trips booleans, json, floats and ref values', async () => {
    const buffer = Buffer.from([0, 1, 2, 255]);
    const when = new Date('2024-01-02T03:04:05.678Z');
    const [a, b] = await insertUsers(adapter, [
      { name: 'a', active: false, data: { nested: [1, { x: null }] }, age: 0.1 + 0.2, blob: buffer },
      { name: 'b', active: true, data: 'just a string', blob: when },
    ]);
    expect(a).toMatchObject({ active: false, data: { nested: [1, { x: null }] }, age: 0.1 + 0.2 });
    expect(Buffer.isBuffer(a?.blob) && (a.blob as Buffer).equals(buffer)).toBe(true);
    expect(b).toMatchObject({ active: true, data: 'just a string', blob: '2024-01-02T03:04:05.678Z' });
    const again = await adapter.find(DS, find('user', { where: { id: a?.id ?? 0 } }));
    expect(again[0]).toEqual(a);
  });

  it('returns createEach rows in input order', async () => {
    const rows = await insertUsers(adapter, [{ name: 'c' }, { id: 10, name: 'a' }, { name: 'b' }]);
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      [1, 'c'],
      [10, 'a'],
      [11, 'b'],
    ]);
  });

  it('is all-or-nothing: a unique violation on the 3rd row leaves no rows', async () => {
    const attempt = insertUsers(adapter, [
      { name: 'a', email: 'same@x.io' },
      { name: 'b', email: 'other@x.io' },
      { name: 'c', email: 'same@x.io' },
      { name: 'd', email: 'last@x.io' },
    ]);
    await expect(attempt).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    expect(await count()).toBe(0);
  });

  it('reports unique violations with the column names and the driver error as cause', async () => {
    await insertUsers(adapter, [{ name: 'a', email: 'a@x.io' }]);
    const error: unknown = await adapter.create(DS, { method: 'create', using: 'user', newRecord: user({ email: 'a@x.io' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const dupId = await adapter.create(DS, { method: 'create', using: 'user', newRecord: user({ id: 1 }) }).catch((e: unknown) => e);
    expect(dupId).toMatchObject({ footprint: { identity: 'notUnique', keys: ['id'] } });
    // Any number of NULLs fit under a unique constraint.
    await insertUsers(adapter, [{ email: null }, { email: null }]);
  });

  it('classifies a missing table and keeps the SQL for anything else', async () => {
    await expect(adapter.find(DS, find('nope', { where: {} }))).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
    const error = await adapter.find(DS, find('user', { where: { nope: 1 } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ footprint: { identity: 'catchall' } });
    expect((error as Error).message).toMatch(/no such column: "?nope[\s\S]*SQL: SELECT \* FROM "user" WHERE "nope" = \?/);
  });
});

describe('SQLite adapter: update / destroy', () => {
  beforeEach(async () => {
    await insertUsers(adapter, [
      { name: 'a', age: 1, email: 'a@x.io' },
      { name: 'b', age: 2, email: 'b@x.io' },
      { name: 'c', age: 3 },
    ]);
  });

  const update = (criteria: Stage3Query['criteria'], valuesToSet: Record<string, unknown>, meta?: Stage3Query['meta']) =>
    adapter.update(DS, { method: 'update', using: 'user', criteria, valuesToSet, ...(meta ? { meta } : {}) });

  it('returns updated rows only when fetching', async () => {
    expect(await update({ where: { age: { '>': 1 } } }, { active: true })).toBeUndefined();
    const rows = await update({ where: { age: { '>': 1 } } }, { name: 'z', data: { k: 1 } }, fetch);
    expect(rows?.map((r) => [r.id, r.name, r.active, r.data])).toEqual([
      [2, 'z', true, { k: 1 }],
      [3, 'z', true, { k: 1 }],
    ]);
  });

  it('reports the new primary key when the update changes it', async () => {
    const rows = await update({ where: { id: 1 } }, { id: 100 }, fetch);
    expect(rows).toMatchObject([{ id: 100, name: 'a' }]);
    expect(names(await adapter.find(DS, find('user', { where: { id: 100 } })))).toEqual(['a']);
  });

  it('applies sort/limit/skip to the rows it updates', async () => {
    const rows = await update({ where: {}, sort: [{ age: 'DESC' }], limit: 1, skip: 1 }, { name: 'picked' }, fetch);
    expect(rows).toMatchObject([{ id: 2, name: 'picked' }]);
  });

  it('handles an empty valuesToSet', async () => {
    expect(await update({ where: { id: 1 } }, {}, fetch)).toMatchObject([{ id: 1, name: 'a' }]);
    expect(await update({ where: { id: 1 } }, {})).toBeUndefined();
  });

  it('reports unique violations on update, but not for a row keeping its own value', async () => {
    await expect(update({ where: { id: 2 } }, { email: 'a@x.io' })).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    await update({ where: { id: 1 } }, { email: 'a@x.io' });
  });

  it('destroys and returns the rows as they were', async () => {
    const gone = await adapter.destroy(DS, { method: 'destroy', using: 'user', criteria: { where: { age: { '<': 3 } } }, meta: fetch });
    expect(gone?.map((r) => [r.id, r.name, r.active])).toEqual([
      [1, 'a', null],
      [2, 'b', null],
    ]);
    expect(await adapter.destroy(DS, { method: 'destroy', using: 'user', criteria: { where: {} } })).toBeUndefined();
    expect(await count()).toBe(0);
  });
});

describe('SQLite adapter: count / sum / avg', () => {
  it('aggregates, giving 0 for no rows', async () => {
    const agg = (method: 'sum' | 'avg' | 'count', where = {}, extra = {}) =>
      adapter[method](DS, { method, using: 'user', numericAttrName: 'age', criteria: { where, ...extra } });
    expect(await agg('sum')).toBe(0);
    expect(await agg('avg')).toBe(0);
    expect(await agg('count')).toBe(0);
    await insertUsers(adapter, [{ age: 1.5 }, { age: 2 }, { age: 4 }, { age: null }]);
    expect(await agg('sum')).toBe(7.5);
    expect(await agg('avg')).toBe(2.5);
    expect(await agg('count')).toBe(4);
    expect(await agg('sum', { age: { '>': 1.5 } })).toBe(6);
    expect(await agg('sum', {}, { sort: [{ age: 'DESC' }], limit: 2 })).toBe(6);
    expect(await agg('count', {}, { limit: 2, skip: 1 })).toBe(2);
  });
});
