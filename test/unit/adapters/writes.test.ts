/** create / createEach, on every SQL adapter; update, destroy and aggregates are in `updates.test.ts`. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DialectName } from './fixtures/index.js';
import { BLANK_USER, cleanup, DIALECTS, DS, fetch, find, insertUsers, setup, tableNames, type SqlAdapter } from './fixtures/index.js';

const PREFIX = 'uc_';
const T = tableNames(PREFIX);
const user = (fields: Record<string, unknown>) => ({ ...BLANK_USER, ...fields });

/** The driver error each adapter keeps as `cause` of a unique violation. */
const UNIQUE_CAUSE: Record<DialectName, object> = {
  sqlite: { code: 'SQLITE_CONSTRAINT_UNIQUE' },
  postgresql: { code: '23505' },
  mysql: { code: 'ER_DUP_ENTRY', errno: 1062 },
};
/** How each database words an unknown column. */
const UNKNOWN_COLUMN: Record<DialectName, string> = {
  sqlite: 'no such column: "?nope',
  postgresql: 'column "nope" does not exist',
  mysql: "Unknown column 'nope'",
};

/**
 * Driver statements for a 500-row createEach. Not the same everywhere: PostgreSQL sends one
 * multi-row INSERT; MySQL does too without fetch, but one INSERT per row (plus BEGIN/COMMIT)
 * with fetch; SQLite always sends one INSERT per row inside BEGIN/COMMIT (in-process, cheap).
 */
const STATEMENTS_FOR_500_ROWS: Record<DialectName, { fetch: number; plain: number }> = {
  sqlite: { fetch: 502, plain: 502 },
  postgresql: { fetch: 1, plain: 1 },
  mysql: { fetch: 503, plain: 1 },
};

for (const dialect of DIALECTS) {
  let adapter: SqlAdapter | undefined;
  const db = (): SqlAdapter => adapter!;
  const count = (): Promise<number> => db().count(DS, { method: 'count', using: T.user, criteria: { where: {} }, numericAttrName: 'undefined' });
  const create = (fields: Record<string, unknown>, meta?: typeof fetch) =>
    db().create(DS, { method: 'create', using: T.user, newRecord: user(fields), ...(meta ? { meta } : {}) });

  describe.skipIf(!dialect.available)(`${dialect.label} adapter: create / createEach`, () => {
    beforeEach(async () => {
      await adapter?.teardown(null);
      adapter = await setup(dialect, PREFIX);
    });
    afterAll(() => cleanup(dialect, adapter, PREFIX));

    it('creates with a generated id and returns the stored row when fetching', async () => {
      const row = await create({ name: 'ann', age: 1.5, active: true, stamp: 1_700_000_000_123 }, fetch);
      expect(row).toEqual({ ...BLANK_USER, id: 1, name: 'ann', age: 1.5, active: true, stamp: 1_700_000_000_123 });
      expect(await create({ name: 'bob' })).toBeUndefined();
      expect(await count()).toBe(2);
    });

    it('keeps an explicit id and moves the sequence past it, never back', async () => {
      await create({ id: 50, name: 'x' });
      expect((await create({ name: 'y' }, fetch))?.id).toBe(51);
      await create({ id: 7, name: 'small' });
      expect((await create({ name: 'z' }, fetch))?.id).toBe(52);
    });

    it('round-trips booleans, json, floats, big timestamps and Buffers', async () => {
      const buffer = Buffer.from([0, 1, 2, 255]);
      const [a, b] = await insertUsers(db(), T.user, [
        { name: 'a', active: false, data: { nested: [1, { x: null }], s: 'ü€😀' }, age: 0.1 + 0.2, blob: buffer, stamp: Date.UTC(2030, 0, 1) },
        { name: 'b', active: true, data: 'just a string', age: -1e300, stamp: 0 },
        { name: 'c', data: '7' },
      ]);
      expect(a).toMatchObject({ active: false, data: { nested: [1, { x: null }], s: 'ü€😀' }, age: 0.1 + 0.2, stamp: Date.UTC(2030, 0, 1) });
      expect(typeof a?.stamp).toBe('number');
      expect(Buffer.isBuffer(a?.blob) && (a.blob as Buffer).equals(buffer)).toBe(true);
      expect(b).toMatchObject({ active: true, data: 'just a string', age: -1e300, stamp: 0 });
      const again = await db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }] }));
      expect(again[0]).toEqual(a);
      // A JSON string that looks like a number stays a string.
      expect(again[2]?.data).toBe('7');
    });

    it('inserts a record with no values, letting every column default', async () => {
      const row = await db().create(DS, { method: 'create', using: T.user, newRecord: { id: null }, meta: fetch });
      expect(row).toMatchObject({ id: 1, name: null });
      const rows = await db().createEach(DS, { method: 'createEach', using: T.user, newRecords: [{ id: null }, { id: null }], meta: fetch });
      expect(rows?.map((r) => r.id)).toEqual([2, 3]);
      await db().createEach(DS, { method: 'createEach', using: T.user, newRecords: [{ id: null }, { id: null }] });
      expect(await count()).toBe(5);
    });

    it('returns createEach rows in input order, numbering around explicit ids', async () => {
      const rows = await insertUsers(db(), T.user, [{ name: 'c' }, { id: 10, name: 'a' }, { name: 'b' }]);
      expect(rows.map((r) => [r.id, r.name])).toEqual([
        [1, 'c'],
        [10, 'a'],
        [11, 'b'],
      ]);
    });

    it('inserts createEach without fetch, explicit and generated ids mixed; an empty list is fine', async () => {
      await db().createEach(DS, { method: 'createEach', using: T.user, newRecords: [user({ name: 'p' }), user({ id: 7, name: 'q' }), user({ name: 'r' })] });
      const rows = await db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }], select: ['id', 'name'] }));
      expect(rows).toEqual([
        { id: 1, name: 'p' },
        { id: 7, name: 'q' },
        { id: 8, name: 'r' },
      ]);
      expect(await db().createEach(DS, { method: 'createEach', using: T.user, newRecords: [], meta: fetch })).toEqual([]);
    });

    it('inserts many rows in as few statements as the dialect allows', async () => {
      for (const meta of [fetch, {}]) {
        const counter = dialect.countStatements();
        try {
          await db().createEach(DS, { method: 'createEach', using: T.user, newRecords: Array.from({ length: 500 }, (_, i) => user({ name: `n${i}`, age: i })), meta });
          expect(counter.count).toBe(STATEMENTS_FOR_500_ROWS[dialect.name][meta === fetch ? 'fetch' : 'plain']);
        } finally {
          counter.restore();
        }
      }
      expect(await count()).toBe(1000);
    });

    it('is all-or-nothing: a unique violation on the 3rd row leaves no rows, with or without fetch', async () => {
      const rows = [
        { name: 'a', email: 'same@x.io' },
        { name: 'b', email: 'other@x.io' },
        { name: 'c', email: 'same@x.io' },
        { name: 'd', email: 'last@x.io' },
      ];
      await expect(insertUsers(db(), T.user, rows)).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect(await count()).toBe(0);
      const plain = db().createEach(DS, { method: 'createEach', using: T.user, newRecords: rows.map(user) });
      await expect(plain).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect(await count()).toBe(0);
    });

    it('is all-or-nothing across several statements too', async () => {
      // An explicit id followed by generated ones may split the insert; a transaction keeps it whole.
      const attempt = insertUsers(db(), T.user, [{ name: 'a' }, { id: 9, name: 'b', email: 'dup' }, { name: 'c', email: 'dup' }]);
      await expect(attempt).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect(await count()).toBe(0);
    });

    it('reports unique violations with the column names and the driver error as cause', async () => {
      await insertUsers(db(), T.user, [{ name: 'a', email: 'a@x.io' }]);
      const error: unknown = await create({ email: 'a@x.io' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      expect((error as Error).cause).toMatchObject(UNIQUE_CAUSE[dialect.name]);
      const dupId = await create({ id: 1 }).catch((e: unknown) => e);
      expect(dupId).toMatchObject({ footprint: { identity: 'notUnique', keys: ['id'] } });
      // Any number of NULLs fit under a unique constraint.
      expect(await insertUsers(db(), T.user, [{ email: null }, { email: null }])).toHaveLength(2);
    });

    it('classifies a missing table and keeps the SQL for anything else', async () => {
      await expect(db().find(DS, find(`${PREFIX}nope`, { where: {} }))).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
      const error = await db().find(DS, find(T.user, { where: { nope: 1 } })).catch((e: unknown) => e);
      expect(error).toMatchObject({ footprint: { identity: 'catchall' } });
      const sql = `SELECT * FROM ${dialect.quote(T.user)} WHERE ${dialect.quote('nope')} = ${dialect.placeholder(1)}`;
      expect((error as Error).message).toMatch(new RegExp(`${UNKNOWN_COLUMN[dialect.name]}[\\s\\S]*SQL: ${sql.replace(/[*$?]/g, '\\$&')}`));
    });
  });
}
