import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import type { SortDirective, WhereClause } from '../../../src/query/shapes.js';
import { DS, find, insertUsers, names, setup } from './sqlite-fixtures.js';

let adapter: SqliteAdapter;

beforeEach(async () => {
  adapter = await setup();
  await insertUsers(adapter, [
    { name: 'ann', email: 'ann@x.io', age: 31, active: true, data: { tier: 'gold' } },
    { name: 'bob', email: 'bob@x.io', age: 25, active: false, data: null },
    { name: 'cy', email: null, age: 42.5, active: true, data: [1, 2] },
    { name: '100% real', email: 'p@x.io', age: 25, active: null, data: 'text' },
    { name: 'a_b', email: 'u@x.io', age: null, active: false, data: 7 },
  ]);
});

async function where(w: WhereClause, extra: Record<string, unknown> = {}): Promise<unknown[]> {
  return names(await adapter.find(DS, find('user', { where: w, sort: [{ id: 'ASC' }], ...extra })));
}

describe('SQLite adapter: where clauses', () => {
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

  it('handles in / nin of any length, including one bound array', async () => {
    expect(await where({ name: { in: ['bob', 'cy', 'zed'] } })).toEqual(['bob', 'cy']);
    expect(await where({ age: { in: [25] } })).toEqual(['bob', '100% real']);
    expect(await where({ name: { nin: ['bob', 'cy'] } })).toEqual(['ann', '100% real', 'a_b']);
    expect(await where({ name: { in: [] } })).toEqual([]);
    expect(await where({ name: { nin: [] } })).toHaveLength(5);
    expect(await where({ active: { in: [true] } })).toEqual(['ann', 'cy']);
    const many = Array.from({ length: 5000 }, (_, i) => `n${i}`).concat('ann');
    expect(await where({ name: { in: many } })).toEqual(['ann']);
  });

  it('nests and/or', async () => {
    expect(await where({ or: [{ name: 'ann' }, { and: [{ age: 25 }, { active: false }] }] })).toEqual(['ann', 'bob']);
    expect(await where({ and: [{ or: [{ age: { '>': 40 } }, { age: null }] }, { active: { '!=': null } }] })).toEqual([
      'cy',
      'a_b',
    ]);
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
  });

  it('sorts on several keys, then pages with limit/skip', async () => {
    const sort: SortDirective[] = [{ age: 'ASC' }, { name: 'DESC' }];
    expect(names(await adapter.find(DS, find('user', { where: {}, sort })))).toEqual(['a_b', 'bob', '100% real', 'ann', 'cy']);
    expect(names(await adapter.find(DS, find('user', { where: {}, sort, limit: 2, skip: 1 })))).toEqual(['bob', '100% real']);
    expect(names(await adapter.find(DS, find('user', { where: {}, sort, skip: 3 })))).toEqual(['ann', 'cy']);
    expect(names(await adapter.find(DS, find('user', { where: {}, sort, limit: 1 })))).toEqual(['a_b']);
  });

  it('returns only the selected columns', async () => {
    const rows = await adapter.find(DS, find('user', { where: { name: 'ann' }, select: ['id', 'name'] }));
    expect(rows).toEqual([{ id: 1, name: 'ann' }]);
  });

  it('decodes booleans and json on the way out', async () => {
    const rows = await adapter.find(DS, find('user', { where: {}, sort: [{ id: 'ASC' }], select: ['active', 'data'] }));
    expect(rows).toEqual([
      { active: true, data: { tier: 'gold' } },
      { active: false, data: null },
      { active: true, data: [1, 2] },
      { active: null, data: 'text' },
      { active: false, data: 7 },
    ]);
    // Equality on a json column compares JSON text.
    expect(await where({ data: 'text' })).toEqual(['100% real']);
    expect(await where({ data: 7 })).toEqual(['a_b']);
  });

  it('binds hostile values and patterns as data, never as SQL', async () => {
    const attacks = ["' OR 1=1 --", 'bob"; DROP TABLE "user"; --', "%' OR '1'='1", '\\'];
    for (const attack of attacks) {
      expect(await where({ name: attack })).toEqual([]);
      expect(await where({ name: { like: attack } })).toEqual([]);
      expect(await where({ name: { in: [attack, 'x'] } })).toEqual([]);
    }
    const created = await adapter.create(DS, {
      method: 'create',
      using: 'user',
      newRecord: { id: null, name: "Robert'); DROP TABLE user;--", email: 'r@x.io' },
      meta: { fetch: true },
    });
    expect(created?.name).toBe("Robert'); DROP TABLE user;--");
    expect(await adapter.count(DS, { method: 'count', using: 'user', criteria: { where: {} } })).toBe(6);
  });

  it('quotes identifiers, so odd column names are just names', async () => {
    await expect(adapter.find(DS, find('user', { where: { 'name" = name OR "1': 'x' } }))).rejects.toMatchObject({
      footprint: { identity: 'catchall' },
    });
  });
});
