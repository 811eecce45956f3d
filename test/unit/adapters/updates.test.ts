/** update / destroy and count / sum / avg, on every SQL adapter. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordData, Stage3Query } from '../../../src/query/shapes.js';
import { cleanup, DIALECTS, DS, fetch, find, insertUsers, names, setup, tableNames, type SqlAdapter } from './fixtures/index.js';

const PREFIX = 'uu_';
const T = tableNames(PREFIX);
/** RETURNING gives no order on PostgreSQL: compare rows by id. */
const byId = (rows: RecordData[] | undefined): RecordData[] => [...(rows ?? [])].sort((a, b) => Number(a.id) - Number(b.id));

for (const dialect of DIALECTS) {
  let adapter: SqlAdapter | undefined;
  const db = (): SqlAdapter => adapter!;
  const all = async () => names(await db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }] })));
  const update = (criteria: Stage3Query['criteria'], valuesToSet: Record<string, unknown>, meta?: Stage3Query['meta']) =>
    db().update(DS, { method: 'update', using: T.user, criteria, valuesToSet, ...(meta ? { meta } : {}) });
  const destroy = (criteria: Stage3Query['criteria'], meta?: Stage3Query['meta']) =>
    db().destroy(DS, { method: 'destroy', using: T.user, criteria, ...(meta ? { meta } : {}) });

  describe.skipIf(!dialect.available)(`${dialect.label} adapter: update / destroy`, () => {
    beforeEach(async () => {
      await adapter?.teardown(null);
      adapter = await setup(dialect, PREFIX);
      await insertUsers(db(), T.user, [
        { name: 'a', age: 1, email: 'a@x.io' },
        { name: 'b', age: 2, email: 'b@x.io' },
        { name: 'c', age: 3 },
      ]);
    });
    afterAll(() => cleanup(dialect, adapter, PREFIX));

    it('returns updated rows only when fetching', async () => {
      expect(await update({ where: { age: { '>': 1 } } }, { active: true })).toBeUndefined();
      const rows = await update({ where: { age: { '>': 1 } } }, { name: 'z', data: { k: 1 } }, fetch);
      expect(byId(rows).map((r) => [r.id, r.name, r.active, r.data])).toEqual([
        [2, 'z', true, { k: 1 }],
        [3, 'z', true, { k: 1 }],
      ]);
      expect(await update({ where: { name: 'nobody' } }, { age: 5 }, fetch)).toEqual([]);
    });

    it('reports the new primary key when the update changes it', async () => {
      const rows = await update({ where: { id: 1 } }, { id: 100 }, fetch);
      expect(rows).toMatchObject([{ id: 100, name: 'a' }]);
      expect(names(await db().find(DS, find(T.user, { where: { id: 100 } })))).toEqual(['a']);
    });

    it('applies sort/limit/skip to the rows it updates, with and without fetch', async () => {
      const rows = await update({ where: {}, sort: [{ age: 'DESC' }], limit: 1, skip: 1 }, { name: 'picked' }, fetch);
      expect(rows).toMatchObject([{ id: 2, name: 'picked' }]);
      await update({ where: {}, sort: [{ age: 'ASC' }], limit: 1 }, { name: 'first' });
      await update({ where: {}, sort: [{ age: 'ASC' }], skip: 2 }, { name: 'last' });
      expect(await all()).toEqual(['first', 'picked', 'last']);
    });

    it('handles an empty valuesToSet', async () => {
      expect(await update({ where: { id: 1 } }, {}, fetch)).toMatchObject([{ id: 1, name: 'a' }]);
      expect(await update({ where: { id: 1 } }, {})).toBeUndefined();
    });

    it('reports unique violations on update, but not for a row keeping its own value', async () => {
      const notUnique = { footprint: { identity: 'notUnique', keys: ['email'] } };
      await expect(update({ where: { id: 2 } }, { email: 'a@x.io' })).rejects.toMatchObject(notUnique);
      await expect(update({ where: { id: 2 } }, { email: 'a@x.io' }, fetch)).rejects.toMatchObject(notUnique);
      expect(await update({ where: { id: 1 } }, { email: 'a@x.io' })).toBeUndefined();
      expect(names(await db().find(DS, find(T.user, { where: { email: 'b@x.io' } })))).toEqual(['b']);
    });

    it('destroys and returns the rows as they were', async () => {
      const gone = await destroy({ where: { age: { '<': 3 } } }, fetch);
      expect(byId(gone).map((r) => [r.id, r.name, r.active])).toEqual([
        [1, 'a', null],
        [2, 'b', null],
      ]);
      expect(await destroy({ where: { name: 'nobody' } }, fetch)).toEqual([]);
      expect(await destroy({ where: {} })).toBeUndefined();
      expect(await all()).toEqual([]);
    });

    it('pages destroy with sort/limit/skip', async () => {
      await destroy({ where: {}, sort: [{ age: 'DESC' }], limit: 1, skip: 1 });
      expect(await all()).toEqual(['a', 'c']);
      expect(names(await destroy({ where: {}, sort: [{ age: 'ASC' }], limit: 1 }, fetch))).toEqual(['a']);
    });
  });

  describe.skipIf(!dialect.available)(`${dialect.label} adapter: count / sum / avg`, () => {
    beforeEach(async () => {
      await adapter?.teardown(null);
      adapter = await setup(dialect, PREFIX);
    });
    afterAll(() => cleanup(dialect, adapter, PREFIX));

    it('aggregates as numbers, giving 0 for no rows', async () => {
      const agg = (method: 'sum' | 'avg' | 'count', where = {}, extra = {}, column = 'age') =>
        db()[method](DS, { method, using: T.user, numericAttrName: column, criteria: { where, ...extra } });
      expect(await agg('sum')).toBe(0);
      expect(await agg('avg')).toBe(0);
      expect(await agg('count')).toBe(0);
      await insertUsers(db(), T.user, [{ age: 1.5, best_pet: 1 }, { age: 2, best_pet: 2 }, { age: 4, best_pet: 2 }, { age: null }]);
      expect(await agg('sum')).toBe(7.5);
      expect(await agg('avg')).toBe(2.5);
      expect(await agg('count')).toBe(4);
      expect(await agg('sum', { age: { '>': 1.5 } })).toBe(6);
      // A DESC page starts with NULL where NULL sorts above every value (PostgreSQL).
      expect(await agg('sum', {}, { sort: [{ age: 'DESC' }], limit: 2 })).toBe(dialect.nullsSortFirst ? 6 : 4);
      expect(await agg('sum', { age: { '!=': null } }, { sort: [{ age: 'DESC' }], limit: 2 })).toBe(6);
      expect(await agg('count', {}, { limit: 2, skip: 1 })).toBe(2);
      // Integer columns aggregate as BIGINT / NUMERIC / DECIMAL on the servers: still numbers here.
      expect(await agg('sum', {}, {}, 'best_pet')).toBe(5);
      expect(await agg('avg', {}, {}, 'best_pet')).toBeCloseTo(5 / 3);
      expect(await agg('sum', {}, {}, 'id')).toBe(10);
      expect(await agg('avg', {}, {}, 'id')).toBe(2.5);
    });
  });
}
