import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import type { SortDirective, WhereClause } from '../../../src/query/shapes.js';
import { cleanup, countStatements, DS, find, insertUsers, names, SERVER_URL, setup, tableNames } from './postgresql-fixtures.js';

const T = tableNames('pgq');
let adapter: PostgresqlAdapter | undefined;
const db = (): PostgresqlAdapter => adapter as PostgresqlAdapter;

async function where(w: WhereClause, extra: Record<string, unknown> = {}, meta?: Record<string, unknown>): Promise<unknown[]> {
  return names(await db().find(DS, find(T.user, { where: w, sort: [{ id: 'ASC' }], ...extra }, meta ? { meta } : {})));
}

describe.skipIf(!SERVER_URL)('PostgreSQL adapter: where clauses', () => {
  beforeAll(async () => {
    adapter = await setup(T);
    await insertUsers(db(), T.user, [
      { name: 'ann', email: 'ann@x.io', age: 31, active: true, data: { tier: 'gold' } },
      { name: 'bob', email: 'bob@x.io', age: 25, active: false, data: null },
      { name: 'cy', email: null, age: 42.5, active: true, data: [1, 2] },
      { name: '100% real', email: 'p@x.io', age: 25, active: null, data: 'text' },
      { name: 'a_b', email: 'u@x.io', age: null, active: false, data: 7 },
      { name: 'Ann', email: 'ANN@X.IO', age: 60, active: true, data: { tier: 'gold' } },
    ]);
  });
  afterAll(() => cleanup(adapter, Object.values(T)));

  it('matches everything with {} and equality / IS NULL', async () => {
    expect(await where({})).toHaveLength(6);
    expect(await where({ name: 'bob' })).toEqual(['bob']);
    expect(await where({ email: null })).toEqual(['cy']);
    expect(await where({ age: null })).toEqual(['a_b']);
    expect(await where({ active: true })).toEqual(['ann', 'cy', 'Ann']);
    expect(await where({ active: false })).toEqual(['bob', 'a_b']);
  });

  it('compares with < <= > >= and != (null → IS NOT NULL)', async () => {
    expect(await where({ age: { '<': 31 } })).toEqual(['bob', '100% real']);
    expect(await where({ age: { '<=': 31 } })).toEqual(['ann', 'bob', '100% real']);
    expect(await where({ age: { '>': 31 } })).toEqual(['cy', 'Ann']);
    expect(await where({ age: { '>=': 42.5 } })).toEqual(['cy', 'Ann']);
    expect(await where({ name: { '>': 'bob' } })).toEqual(['cy']);
    expect(await where({ email: { '!=': null } })).toEqual(['ann', 'bob', '100% real', 'a_b', 'Ann']);
    // SQL semantics: `!=` does not match NULL.
    expect(await where({ age: { '!=': 25 } })).toEqual(['ann', 'cy', 'Ann']);
  });

  it('binds in / nin as one array (= ANY), so the statement text does not depend on the length', async () => {
    expect(await where({ name: { in: ['bob', 'cy', 'zed'] } })).toEqual(['bob', 'cy']);
    expect(await where({ age: { in: [25] } })).toEqual(['bob', '100% real']);
    expect(await where({ name: { nin: ['bob', 'cy'] } })).toEqual(['ann', '100% real', 'a_b', 'Ann']);
    expect(await where({ name: { in: [] } })).toEqual([]);
    expect(await where({ name: { nin: [] } })).toHaveLength(6);
    expect(await where({ active: { in: [true] } })).toEqual(['ann', 'cy', 'Ann']);
    expect(await where({ data: { in: ['text', 7] } })).toEqual(['100% real', 'a_b']);
    const counter = countStatements();
    try {
      const many = Array.from({ length: 5000 }, (_, i) => `n${i}`).concat('ann');
      expect(await where({ name: { in: many } })).toEqual(['ann']);
      expect(await where({ name: { in: ['cy', 'bob'] } })).toEqual(['bob', 'cy']);
      expect(new Set(counter.texts)).toEqual(new Set(['SELECT * FROM "pgq_user" WHERE "name" = ANY($1) ORDER BY "id" ASC']));
    } finally {
      counter.restore();
    }
  });

  it('nests and/or', async () => {
    expect(await where({ or: [{ name: 'ann' }, { and: [{ age: 25 }, { active: false }] }] })).toEqual(['ann', 'bob']);
    expect(await where({ and: [{ or: [{ age: { '>': 40 } }, { age: null }] }, { active: { '!=': null } }] })).toEqual(['cy', 'a_b', 'Ann']);
    expect(await where({ and: [] })).toHaveLength(6);
    expect(await where({ or: [] })).toEqual([]);
    expect(await where({ and: [{}, { name: 'bob' }] })).toEqual(['bob']);
  });

  it('treats several keys / modifiers in one branch as AND', async () => {
    expect(await where({ age: 25, active: false })).toEqual(['bob']);
    expect(await where({ age: { '>': 20, '<': 30 } })).toEqual(['bob', '100% real']);
  });

  it('supports like with % and _ wildcards and backslash escapes, case-sensitively', async () => {
    expect(await where({ name: { like: 'a%' } })).toEqual(['ann', 'a_b']);
    expect(await where({ name: { like: '%\\%%' } })).toEqual(['100% real']);
    expect(await where({ name: { like: 'a\\_b' } })).toEqual(['a_b']);
    expect(await where({ name: { like: 'a\\_%' } })).toEqual(['a_b']);
    expect(await where({ name: { like: '_o_' } })).toEqual(['bob']);
    expect(await where({ email: { like: '%@x.io' } })).toHaveLength(4);
    // Non-text columns match their text form, json columns their JSON text (as on SQLite).
    expect(await where({ data: { like: '%gold%' } })).toEqual(['ann', 'Ann']);
    expect(await where({ data: { like: '"text"' } })).toEqual(['100% real']);
  });

  it('makes like case-insensitive (ILIKE) with meta.makeLikeModifierCaseInsensitive', async () => {
    const ci = { makeLikeModifierCaseInsensitive: true };
    expect(await where({ name: { like: 'ann' } }, {}, ci)).toEqual(['ann', 'Ann']);
    expect(await where({ email: { like: '%@x.io' } }, {}, ci)).toHaveLength(5);
    expect(await where({ name: { like: 'A\\_B' } }, {}, ci)).toEqual(['a_b']);
    // The flag is part of the cached shape: the same where without it is case-sensitive again.
    expect(await where({ name: { like: 'ann' } })).toEqual(['ann']);
  });

  it('sorts on several keys (NULL above every value, as PostgreSQL does), then pages with limit/skip', async () => {
    const sort: SortDirective[] = [{ age: 'ASC' }, { name: 'DESC' }];
    expect(names(await db().find(DS, find(T.user, { where: {}, sort })))).toEqual(['bob', '100% real', 'ann', 'cy', 'Ann', 'a_b']);
    expect(names(await db().find(DS, find(T.user, { where: {}, sort, limit: 2, skip: 1 })))).toEqual(['100% real', 'ann']);
    expect(names(await db().find(DS, find(T.user, { where: {}, sort, skip: 4 })))).toEqual(['Ann', 'a_b']);
    expect(names(await db().find(DS, find(T.user, { where: {}, sort: [{ age: 'DESC' }], limit: 1 })))).toEqual(['a_b']);
  });

  it('returns only the selected columns', async () => {
    const rows = await db().find(DS, find(T.user, { where: { name: 'ann' }, select: ['id', 'name'] }));
    expect(rows).toEqual([{ id: 1, name: 'ann' }]);
  });

  it('returns booleans and parsed json; equality on json compares JSON values', async () => {
    const rows = await db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }], select: ['active', 'data'] }));
    expect(rows).toEqual([
      { active: true, data: { tier: 'gold' } },
      { active: false, data: null },
      { active: true, data: [1, 2] },
      { active: null, data: 'text' },
      { active: false, data: 7 },
      { active: true, data: { tier: 'gold' } },
    ]);
    expect(await where({ data: 'text' })).toEqual(['100% real']);
    expect(await where({ data: 7 })).toEqual(['a_b']);
  });

  it('binds hostile values and patterns as data, never as SQL', async () => {
    const attacks = ["' OR 1=1 --", 'bob"; DROP TABLE "pgq_user"; --', "%' OR '1'='1", '\\', "$1') OR ('1'='1", "E'\\\\'"];
    for (const attack of attacks) {
      expect(await where({ name: attack })).toEqual([]);
      // PostgreSQL refuses a pattern ending in a lone escape character (SQLite matches nothing).
      if (attack.endsWith('\\')) await expect(where({ name: { like: attack } })).rejects.toThrow(/must not end with escape character/);
      else expect(await where({ name: { like: attack } })).toEqual([]);
      expect(await where({ name: { in: [attack, 'x'] } })).toEqual([]);
      expect(await where({ name: { nin: [attack] } })).toHaveLength(6);
    }
    const created = await db().create(DS, {
      method: 'create',
      using: T.user,
      newRecord: { id: null, name: "Robert'); DROP TABLE pgq_user;--", email: 'r@x.io' },
      meta: { fetch: true },
    });
    expect(created?.name).toBe("Robert'); DROP TABLE pgq_user;--");
    expect(await db().count(DS, { method: 'count', using: T.user, criteria: { where: {} } })).toBe(7);
    await db().destroy(DS, { method: 'destroy', using: T.user, criteria: { where: { email: 'r@x.io' } } });
  });

  it('quotes identifiers, so odd table and column names are just names', async () => {
    await expect(db().find(DS, find(T.user, { where: { 'name" = name OR "1': 'x' } }))).rejects.toMatchObject({
      footprint: { identity: 'catchall' },
    });
    await expect(db().find(DS, find('pgq_user" WHERE 1=1; --', { where: {} }))).rejects.toMatchObject({
      footprint: { identity: 'noSuchPhysicalModel' },
    });
  });
});
