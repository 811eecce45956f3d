import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import type { Stage3Query } from '../../../src/query/shapes.js';
import { cleanup, countStatements, DS, fetch, find, insertUsers, names, SERVER_URL, setup, tableNames, USER_BASE } from './postgresql-fixtures.js';

const T = tableNames('pgw');
let adapter: PostgresqlAdapter | undefined;

const db = (): PostgresqlAdapter => adapter as PostgresqlAdapter;
const user = (fields: Record<string, unknown>) => ({ ...USER_BASE, ...fields });
const count = (): Promise<number> => db().count(DS, { method: 'count', using: T.user, criteria: { where: {} }, numericAttrName: 'undefined' });

describe.skipIf(!SERVER_URL)('PostgreSQL adapter: writes', () => {
  beforeEach(async () => {
    await adapter?.teardown(null);
    adapter = await setup(T);
  });
  afterAll(() => cleanup(adapter, Object.values(T)));

  describe('create / createEach', () => {
    it('creates with a generated id and returns the stored row when fetching', async () => {
      const row = await db().create(DS, { method: 'create', using: T.user, newRecord: user({ name: 'ann', age: 1.5, active: true }), meta: fetch });
      expect(row).toEqual({ ...USER_BASE, id: 1, name: 'ann', age: 1.5, active: true });
      expect(await db().create(DS, { method: 'create', using: T.user, newRecord: user({ name: 'bob' }) })).toBeUndefined();
      expect(await count()).toBe(2);
    });

    it('keeps an explicit id and moves the sequence past it, never back', async () => {
      await db().create(DS, { method: 'create', using: T.user, newRecord: user({ id: 50, name: 'x' }) });
      const next = await db().create(DS, { method: 'create', using: T.user, newRecord: user({ name: 'y' }), meta: fetch });
      expect(next?.id).toBe(51);
      await db().create(DS, { method: 'create', using: T.user, newRecord: user({ id: 7, name: 'small' }) });
      const after = await db().create(DS, { method: 'create', using: T.user, newRecord: user({ name: 'z' }), meta: fetch });
      expect(after?.id).toBe(52);
    });

    it('round-trips booleans, json, floats, bigint timestamps and bytea', async () => {
      const buffer = Buffer.from([0, 1, 2, 255]);
      const now = 1_717_171_717_171;
      const [a, b] = await insertUsers(db(), T.user, [
        { name: 'a', active: false, data: { nested: [1, { x: null }] }, age: 0.1 + 0.2, blob: buffer, seen: now },
        { name: 'b', active: true, data: 'just a string', age: -1e300, seen: 0 },
      ]);
      expect(a).toMatchObject({ active: false, data: { nested: [1, { x: null }] }, age: 0.1 + 0.2, seen: now });
      expect(Buffer.isBuffer(a?.blob) && (a.blob as Buffer).equals(buffer)).toBe(true);
      expect(b).toMatchObject({ active: true, data: 'just a string', age: -1e300, seen: 0 });
      const again = await db().find(DS, find(T.user, { where: { id: a?.id ?? 0 } }));
      expect(again[0]).toEqual(a);
    });

    it('returns createEach rows in input order, numbering around explicit ids', async () => {
      const rows = await insertUsers(db(), T.user, [{ name: 'c' }, { id: 10, name: 'a' }, { name: 'b' }]);
      expect(rows.map((r) => [r.id, r.name])).toEqual([
        [1, 'c'],
        [10, 'a'],
        [11, 'b'],
      ]);
    });

    it('inserts many rows in one statement', async () => {
      const counter = countStatements();
      try {
        await insertUsers(db(), T.user, Array.from({ length: 500 }, (_, i) => ({ name: `n${i}`, age: i })));
        expect(counter.count).toBe(1);
      } finally {
        counter.restore();
      }
      expect(await count()).toBe(500);
    });

    it('is all-or-nothing: a unique violation on the 3rd row leaves no rows', async () => {
      const attempt = insertUsers(db(), T.user, [
        { name: 'a', email: 'same@x.io' },
        { name: 'b', email: 'other@x.io' },
        { name: 'c', email: 'same@x.io' },
        { name: 'd', email: 'last@x.io' },
      ]);
      await expect(attempt).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect(await count()).toBe(0);
    });

    it('is all-or-nothing across several statements too', async () => {
      // An explicit id followed by generated ones splits the insert; a transaction keeps it whole.
      const attempt = insertUsers(db(), T.user, [{ name: 'a' }, { id: 9, name: 'b', email: 'dup' }, { name: 'c', email: 'dup' }]);
      await expect(attempt).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect(await count()).toBe(0);
    });

    it('reports unique violations with the column names and the driver error as cause', async () => {
      await insertUsers(db(), T.user, [{ name: 'a', email: 'a@x.io' }]);
      const error: unknown = await db().create(DS, { method: 'create', using: T.user, newRecord: user({ email: 'a@x.io' }) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect((error as Error).cause).toMatchObject({ code: '23505' });
      const dupId = await db().create(DS, { method: 'create', using: T.user, newRecord: user({ id: 1 }) }).catch((e: unknown) => e);
      expect(dupId).toMatchObject({ footprint: { identity: 'notUnique', keys: ['id'] } });
      // Any number of NULLs fit under a unique constraint.
      await insertUsers(db(), T.user, [{ email: null }, { email: null }]);
    });

    it('classifies a missing table and keeps the SQL for anything else', async () => {
      await expect(db().find(DS, find('pgw_nope', { where: {} }))).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
      const error = await db().find(DS, find(T.user, { where: { nope: 1 } })).catch((e: unknown) => e);
      expect(error).toMatchObject({ footprint: { identity: 'catchall' } });
      expect((error as Error).message).toMatch(/column "nope" does not exist[\s\S]*SQL: SELECT \* FROM "pgw_user" WHERE "nope" = \$1/);
    });
  });

  describe('update / destroy', () => {
    beforeEach(async () => {
      await insertUsers(db(), T.user, [
        { name: 'a', age: 1, email: 'a@x.io' },
        { name: 'b', age: 2, email: 'b@x.io' },
        { name: 'c', age: 3 },
      ]);
    });

    const update = (criteria: Stage3Query['criteria'], valuesToSet: Record<string, unknown>, meta?: Stage3Query['meta']) =>
      db().update(DS, { method: 'update', using: T.user, criteria, valuesToSet, ...(meta ? { meta } : {}) });

    it('returns updated rows only when fetching', async () => {
      expect(await update({ where: { age: { '>': 1 } } }, { active: true })).toBeUndefined();
      const rows = await update({ where: { age: { '>': 1 } } }, { name: 'z', data: { k: 1 } }, fetch);
      expect(rows?.map((r) => [r.id, r.name, r.active, r.data]).sort()).toEqual([
        [2, 'z', true, { k: 1 }],
        [3, 'z', true, { k: 1 }],
      ]);
    });

    it('reports the new primary key when the update changes it', async () => {
      const rows = await update({ where: { id: 1 } }, { id: 100 }, fetch);
      expect(rows).toMatchObject([{ id: 100, name: 'a' }]);
      expect(names(await db().find(DS, find(T.user, { where: { id: 100 } })))).toEqual(['a']);
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
      const gone = await db().destroy(DS, { method: 'destroy', using: T.user, criteria: { where: { age: { '<': 3 } } }, meta: fetch });
      expect(gone?.map((r) => [r.id, r.name, r.active]).sort()).toEqual([
        [1, 'a', null],
        [2, 'b', null],
      ]);
      expect(await db().destroy(DS, { method: 'destroy', using: T.user, criteria: { where: {} } })).toBeUndefined();
      expect(await count()).toBe(0);
    });
  });

  describe('count / sum / avg', () => {
    it('aggregates as numbers, giving 0 for no rows', async () => {
      const agg = (method: 'sum' | 'avg' | 'count', column = 'age', where = {}, extra = {}) =>
        db()[method](DS, { method, using: T.user, numericAttrName: column, criteria: { where, ...extra } });
      expect(await agg('sum')).toBe(0);
      expect(await agg('avg')).toBe(0);
      expect(await agg('count')).toBe(0);
      await insertUsers(db(), T.user, [{ age: 1.5, best_pet: 1 }, { age: 2, best_pet: 2 }, { age: 4, best_pet: 2 }, { age: null }]);
      expect(await agg('sum')).toBe(7.5);
      expect(await agg('avg')).toBe(2.5);
      expect(await agg('count')).toBe(4);
      expect(await agg('sum', 'age', { age: { '>': 1.5 } })).toBe(6);
      // NULL sorts above every value on PostgreSQL, so it heads a DESC page.
      expect(await agg('sum', 'age', {}, { sort: [{ age: 'DESC' }], limit: 2 })).toBe(4);
      expect(await agg('sum', 'age', { age: { '!=': null } }, { sort: [{ age: 'DESC' }], limit: 2 })).toBe(6);
      expect(await agg('count', 'age', {}, { limit: 2, skip: 1 })).toBe(2);
      // Integer columns sum to BIGINT and average to NUMERIC; both come back as numbers.
      expect(await agg('sum', 'best_pet')).toBe(5);
      expect(await agg('avg', 'best_pet')).toBeCloseTo(5 / 3);
    });
  });
});
