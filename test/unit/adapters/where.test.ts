/** Where clauses, sorting, paging and value binding, on every SQL adapter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SortDirective, WhereClause } from '../../../src/query/shapes.js';
import { cleanup, DIALECTS, type DialectName, DS, find, insertUsers, names, setup, tableNames, type SqlAdapter } from './fixtures/index.js';

const PREFIX = 'uw_';
const T = tableNames(PREFIX);

/**
 * Whether `like` ignores case without `makeLikeModifierCaseInsensitive`. Not the same on every
 * adapter: SQLite's LIKE folds ASCII case, MySQL's default collation folds case, PostgreSQL's
 * LIKE is case-sensitive. Recorded here so a change on any side shows.
 */
const LIKE_IGNORES_CASE: Record<DialectName, boolean> = { sqlite: true, postgresql: false, mysql: true };

for (const dialect of DIALECTS) {
  let adapter: SqlAdapter | undefined;
  const db = (): SqlAdapter => adapter!;
  const where = async (w: WhereClause, extra: Record<string, unknown> = {}): Promise<unknown[]> =>
    names(await db().find(DS, find(T.user, { where: w, sort: [{ id: 'ASC' }], ...extra })));
  const q = dialect.quote;
  const mark = q('').charAt(0);

  // Read-only cases share one set of rows; the one that writes removes its row again.
  describe.skipIf(!dialect.available)(`${dialect.label} adapter: where clauses`, () => {
    beforeAll(async () => {
      adapter = await setup(dialect, PREFIX);
      await insertUsers(db(), T.user, [
        { name: 'ann', email: 'ann@x.io', age: 31, active: true, data: { tier: 'gold' } },
        { name: 'bob', email: 'bob@x.io', age: 25, active: false, data: null },
        { name: 'cy', email: null, age: 42.5, active: true, data: [1, 2] },
        { name: '100% real', email: 'p@x.io', age: 25, active: null, data: 'text' },
        { name: 'a_b', email: 'u@x.io', age: null, active: false, data: 7 },
      ]);
    });
    afterAll(() => cleanup(dialect, adapter, PREFIX));

    it('matches everything with {} and equality / IS NULL', async () => {
      expect(await where({})).toHaveLength(5);
      expect(await where({ name: 'bob' })).toEqual(['bob']);
      expect(await where({ email: null })).toEqual(['cy']);
      expect(await where({ age: null })).toEqual(['a_b']);
      expect(await where({ active: true })).toEqual(['ann', 'cy']);
      expect(await where({ active: false })).toEqual(['bob', 'a_b']);
    });

    it('compares with < <= > >= and != (null → IS NOT NULL)', async () => {
      expect(await where({ age: { '<': 31 } })).toEqual(['bob', '100% real']);
      expect(await where({ age: { '<=': 31 } })).toEqual(['ann', 'bob', '100% real']);
      expect(await where({ age: { '>': 31 } })).toEqual(['cy']);
      expect(await where({ age: { '>=': 42.5 } })).toEqual(['cy']);
      expect(await where({ name: { '>': 'bob' } })).toEqual(['cy']);
      expect(await where({ email: { '!=': null } })).toEqual(['ann', 'bob', '100% real', 'a_b']);
      // SQL semantics: `!=` does not match NULL.
      expect(await where({ age: { '!=': 25 } })).toEqual(['ann', 'cy']);
    });

    it('handles in / nin of any length', async () => {
      expect(await where({ name: { in: ['bob', 'cy', 'zed'] } })).toEqual(['bob', 'cy']);
      expect(await where({ age: { in: [25] } })).toEqual(['bob', '100% real']);
      expect(await where({ name: { nin: ['bob', 'cy'] } })).toEqual(['ann', '100% real', 'a_b']);
      expect(await where({ name: { in: [] } })).toEqual([]);
      expect(await where({ name: { nin: [] } })).toHaveLength(5);
      expect(await where({ active: { in: [true] } })).toEqual(['ann', 'cy']);
      expect(await where({ data: { in: ['text', 7] } })).toEqual(['100% real', 'a_b']);
      const many = Array.from({ length: 5000 }, (_, i) => `n${i}`).concat('ann');
      expect(await where({ name: { in: many } })).toEqual(['ann']);
      // Past the 65,535-parameter limit of MySQL prepared statements (and SQLite's 32,766).
      const huge = Array.from({ length: 70_000 }, (_, i) => `m${i}`).concat('bob');
      expect(await where({ name: { in: huge } })).toEqual(['bob']);
    });

    it('nests and/or', async () => {
      expect(await where({ or: [{ name: 'ann' }, { and: [{ age: 25 }, { active: false }] }] })).toEqual(['ann', 'bob']);
      expect(await where({ and: [{ or: [{ age: { '>': 40 } }, { age: null }] }, { active: { '!=': null } }] })).toEqual(['cy', 'a_b']);
      expect(await where({ and: [] })).toHaveLength(5);
      expect(await where({ or: [] })).toEqual([]);
      expect(await where({ and: [{}, { name: 'bob' }] })).toEqual(['bob']);
    });

    it('treats several keys / modifiers in one branch as AND', async () => {
      expect(await where({ age: 25, active: false })).toEqual(['bob']);
      expect(await where({ age: { '>': 20, '<': 30 } })).toEqual(['bob', '100% real']);
    });

    it('supports like with % and _ wildcards and backslash escapes', async () => {
      expect(await where({ name: { like: 'a%' } })).toEqual(['ann', 'a_b']);
      expect(await where({ name: { like: '%\\%%' } })).toEqual(['100% real']);
      expect(await where({ name: { like: 'a\\_b' } })).toEqual(['a_b']);
      expect(await where({ name: { like: 'a\\_%' } })).toEqual(['a_b']);
      expect(await where({ name: { like: '_o_' } })).toEqual(['bob']);
      expect(await where({ email: { like: '%@x.io' } })).toHaveLength(4);
      // Non-text columns match their text form, json columns their JSON text.
      expect(await where({ data: { like: '%gold%' } })).toEqual(['ann']);
      expect(await where({ data: { like: '"text"' } })).toEqual(['100% real']);
      expect(await where({ name: { like: 'A%' } })).toEqual(LIKE_IGNORES_CASE[dialect.name] ? ['ann', 'a_b'] : []);
    });

    it('sorts on several keys, NULL where the database puts it, then pages with limit/skip', async () => {
      const sort: SortDirective[] = [{ age: 'ASC' }, { name: 'DESC' }];
      const byAge = ['bob', '100% real', 'ann', 'cy'];
      // PostgreSQL sorts NULL above every value; SQLite and MySQL below.
      const order = dialect.nullsSortFirst ? ['a_b', ...byAge] : [...byAge, 'a_b'];
      const page = async (extra: Record<string, unknown>) => names(await db().find(DS, find(T.user, { where: {}, ...extra })));
      expect(await page({ sort })).toEqual(order);
      expect(await page({ sort, limit: 2, skip: 1 })).toEqual(order.slice(1, 3));
      expect(await page({ sort, skip: 3 })).toEqual(order.slice(3));
      expect(await page({ sort, limit: 1 })).toEqual(order.slice(0, 1));
      expect(await page({ sort: [{ age: 'DESC' }], limit: 1 })).toEqual([dialect.nullsSortFirst ? 'cy' : 'a_b']);
      // Punctuation sorts before letters.
      expect(await page({ sort: [{ name: 'ASC' }] })).toEqual(['100% real', 'a_b', 'ann', 'bob', 'cy']);
    });

    it('returns only the selected columns', async () => {
      const rows = await db().find(DS, find(T.user, { where: { name: 'ann' }, select: ['id', 'name'] }));
      expect(rows).toEqual([{ id: 1, name: 'ann' }]);
    });

    it('decodes booleans and json on the way out; equality on json compares JSON values', async () => {
      const rows = await db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }], select: ['active', 'data'] }));
      expect(rows).toEqual([
        { active: true, data: { tier: 'gold' } },
        { active: false, data: null },
        { active: true, data: [1, 2] },
        { active: null, data: 'text' },
        { active: false, data: 7 },
      ]);
      expect(await where({ data: 'text' })).toEqual(['100% real']);
      expect(await where({ data: 7 })).toEqual(['a_b']);
    });

    it('quotes identifiers, so odd table, column and sort names are just names', async () => {
      await expect(db().find(DS, find(T.user, { where: { [`name${mark} = name OR ${mark}1`]: 'x' } }))).rejects.toMatchObject({
        footprint: { identity: 'catchall' },
      });
      await expect(db().find(DS, find(`${T.user}${mark} WHERE 1=1; --`, { where: {} }))).rejects.toMatchObject({
        footprint: { identity: 'noSuchPhysicalModel' },
      });
      await expect(db().find(DS, find(T.user, { where: {}, sort: [{ [`id${mark}; DROP TABLE ${q(T.user)}`]: 'ASC' }] }))).rejects.toMatchObject({
        footprint: { identity: 'catchall' },
      });
      expect(await where({})).toHaveLength(5);
    });

    it('binds hostile values and patterns as data, never as SQL', async () => {
      const attacks = ["' OR 1=1 --", `bob${mark}; DROP TABLE ${q(T.user)}; --`, "%' OR '1'='1", '\\', "$1') OR ('1'='1", "E'\\\\'", "\\'; DROP TABLE x; --"];
      for (const attack of attacks) {
        expect(await where({ name: attack })).toEqual([]);
        // PostgreSQL refuses a pattern ending in a lone escape character; the others match nothing.
        if (dialect.name === 'postgresql' && attack.endsWith('\\')) {
          await expect(where({ name: { like: attack } })).rejects.toThrow(/must not end with escape character/);
        } else expect(await where({ name: { like: attack } })).toEqual([]);
        expect(await where({ name: { in: [attack, 'x'] } })).toEqual([]);
        expect(await where({ name: { nin: [attack] } })).toHaveLength(5);
      }
      const hostile = "Robert'); DROP TABLE user;--\\";
      const created = await db().create(DS, { method: 'create', using: T.user, newRecord: { id: null, name: hostile, email: 'r@x.io' }, meta: { fetch: true } });
      expect(created?.name).toBe(hostile);
      expect(await db().count(DS, { method: 'count', using: T.user, criteria: { where: {} } })).toBe(6);
      await db().destroy(DS, { method: 'destroy', using: T.user, criteria: { where: { email: 'r@x.io' } } });
    });
  });
}
