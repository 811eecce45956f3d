import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import type { SortDirective, WhereClause } from '../../../src/query/shapes.js';
import { cleanup, DS, find, insertUsers, MYSQL_URL, names, setup, tableNames } from './mysql-fixtures.js';

const PREFIX = 'myt_q_';
const { user: USER } = tableNames(PREFIX);
let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;

async function where(w: WhereClause, extra: Record<string, unknown> = {}): Promise<unknown[]> {
  return names(await db().find(DS, find(USER, { where: w, sort: [{ id: 'ASC' }], ...extra })));
}

describe.skipIf(!MYSQL_URL)('MySQL adapter: where clauses', () => {
  // Read-only tests share one set of rows; the last two write and come last.
  beforeAll(async () => {
    adapter = await setup(PREFIX);
    await insertUsers(db(), USER, [
      { name: 'ann', email: 'ann@x.io', age: 31, active: true, data: { tier: 'gold' } },
      { name: 'bob', email: 'bob@x.io', age: 25, active: false, data: null },
      { name: 'cy', email: null, age: 42.5, active: true, data: [1, 2] },
      { name: '100% real', email: 'p@x.io', age: 25, active: null, data: 'text' },
      { name: 'a_b', email: 'u@x.io', age: null, active: false, data: 7 },
    ]);
  });
  afterAll(() => cleanup(adapter, PREFIX));

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
    const many = Array.from({ length: 5000 }, (_, i) => `n${i}`).concat('ann');
    expect(await where({ name: { in: many } })).toEqual(['ann']);
    // Past the 65,535-parameter limit of prepared statements the driver escapes the values.
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
  });

  it('compares text case-insensitively, as MySQL does under its default collations', async () => {
    expect(await where({ name: 'BOB' })).toEqual(['bob']);
    expect(await where({ name: { like: 'A%' } })).toEqual(['ann', 'a_b']);
    expect(await where({ email: { like: 'ANN@%' } })).toEqual(['ann']);
  });

  it('sorts on several keys (NULL first ascending), then pages with limit/skip', async () => {
    const sort: SortDirective[] = [{ age: 'ASC' }, { name: 'DESC' }];
    expect(names(await db().find(DS, find(USER, { where: {}, sort })))).toEqual(['a_b', 'bob', '100% real', 'ann', 'cy']);
    expect(names(await db().find(DS, find(USER, { where: {}, sort, limit: 2, skip: 1 })))).toEqual(['bob', '100% real']);
    expect(names(await db().find(DS, find(USER, { where: {}, sort, skip: 3 })))).toEqual(['ann', 'cy']);
    expect(names(await db().find(DS, find(USER, { where: {}, sort, limit: 1 })))).toEqual(['a_b']);
    // Punctuation sorts before letters (utf8mb4_unicode_ci), as on SQLite and PostgreSQL.
    expect(names(await db().find(DS, find(USER, { where: {}, sort: [{ name: 'ASC' }] })))).toEqual(['100% real', 'a_b', 'ann', 'bob', 'cy']);
  });

  it('returns only the selected columns', async () => {
    const rows = await db().find(DS, find(USER, { where: { name: 'ann' }, select: ['id', 'name'] }));
    expect(rows).toEqual([{ id: 1, name: 'ann' }]);
  });

  it('decodes booleans and json on the way out', async () => {
    const rows = await db().find(DS, find(USER, { where: {}, sort: [{ id: 'ASC' }], select: ['active', 'data'] }));
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

  it('quotes identifiers, so odd column names are just names', async () => {
    await expect(db().find(DS, find(USER, { where: { 'name` = name OR `1': 'x' } }))).rejects.toMatchObject({
      footprint: { identity: 'catchall' },
    });
    await expect(db().find(DS, find(USER, { where: {}, sort: [{ 'id`; DROP TABLE `myt_q_user': 'ASC' }] }))).rejects.toMatchObject({
      footprint: { identity: 'catchall' },
    });
    expect(await where({})).toHaveLength(5);
  });

  it('binds hostile values and patterns as data, never as SQL', async () => {
    const attacks = ["' OR 1=1 --", 'bob`; DROP TABLE `myt_q_user`; --', "%' OR '1'='1", '\\', "\\'; DROP TABLE x; --", '\0'];
    for (const attack of attacks) {
      expect(await where({ name: attack })).toEqual([]);
      expect(await where({ name: { like: attack } })).toEqual([]);
      expect(await where({ name: { in: [attack, 'x'] } })).toEqual([]);
    }
    const created = await db().create(DS, {
      method: 'create',
      using: USER,
      newRecord: { id: null, name: "Robert'); DROP TABLE user;--\\", email: 'r@x.io' },
      meta: { fetch: true },
    });
    expect(created?.name).toBe("Robert'); DROP TABLE user;--\\");
    expect(await db().count(DS, { method: 'count', using: USER, criteria: { where: {} } })).toBe(6);
    // Native queries bind through the driver too, `?` or `$n`.
    const native = await db().sendNativeQuery(DS, `SELECT name FROM \`${USER}\` WHERE name = $1 OR name = ?`.replace('?', '$2'), [attacks[0], 'bob']);
    expect('rows' in native && native.rows).toEqual([{ name: 'bob' }]);
  });
});
