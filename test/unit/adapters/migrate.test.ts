/** define / drop / alter / setSequence and registration, on every SQL adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, DIALECTS, DS, fetch, find, PERSON_V1, type DialectName, type SqlAdapter } from './fixtures/index.js';

const PREFIX = 'um_';
const PERSON = `${PREFIX}person`;
const V1 = PERSON_V1;

/** How each adapter words a refused auto-increment primary key, and a duplicate found by alter. */
const AUTO_INCREMENT_TYPE: Record<DialectName, RegExp> = { sqlite: /numeric column type/, postgresql: /integer column type/, mysql: /integer column type/ };
const DUPLICATE_NICK: Record<DialectName, string> = {
  sqlite: 'UNIQUE constraint failed: um_person\\.nick',
  postgresql: 'duplicate key value.*Key \\(nick\\)=\\(same\\) already exists',
  mysql: "Duplicate entry 'same'",
};

for (const dialect of DIALECTS) {
  let adapter: SqlAdapter | undefined;
  const db = (): SqlAdapter => adapter!;
  const sent: string[] = [];
  const start = async (models = {}) => {
    adapter = await dialect.open({ onStatement: (sql: string) => sent.push(sql) }, models);
    await db().drop(DS, PERSON);
    return db();
  };
  const seed = (rows: Record<string, unknown>[]) => db().createEach(DS, { method: 'createEach', using: PERSON, newRecords: rows.map((r) => ({ id: null, ...r })) });
  const all = () => db().find(DS, find(PERSON, { where: {}, sort: [{ id: 'ASC' }] }));
  const create = (name: string) => db().create(DS, { method: 'create', using: PERSON, newRecord: { id: null, name }, meta: fetch });
  const tables = () => dialect.listTables(db(), PREFIX);

  describe.skipIf(!dialect.available)(`${dialect.label} adapter: define / drop / alter / setSequence`, () => {
    afterEach(async () => {
      await cleanup(dialect, adapter, PREFIX);
      adapter = undefined;
      sent.length = 0;
    });

    it('defines tables with keys, unique columns and auto-increment; drop tolerates absence', async () => {
      await start();
      await db().define(DS, PERSON, { ...V1, email: { columnType: '_string', unique: true } });
      await seed([{ email: 'a' }]);
      await expect(seed([{ email: 'a' }])).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
      await db().drop(DS, PERSON);
      await db().drop(DS, PERSON);
      await expect(all()).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
    });

    it('refuses definitions it cannot honour, creating nothing', async () => {
      await start();
      await expect(db().define(DS, PERSON, { n: { columnType: '_string', autoIncrement: true, primaryKey: true } })).rejects.toThrow(AUTO_INCREMENT_TYPE[dialect.name]);
      await expect(db().define(DS, PERSON, { n: { columnType: 'text); DROP TABLE x; --' } })).rejects.toThrow(/is not a column type/);
      expect(await tables()).toEqual([]);
    });

    it('alter creates a missing table', async () => {
      await start();
      await db().alter(DS, PERSON, V1);
      await seed([{ name: 'a' }]);
      expect(await all()).toEqual([{ id: 1, name: 'a', nick: null, gone: null }]);
    });

    it('alter keeps every row and the id sequence, adding and removing columns', async () => {
      await start();
      await db().define(DS, PERSON, V1);
      await seed([{ name: 'a', nick: 'x', gone: 'g' }, { name: 'b' }, { name: 'c' }]);
      await db().destroy(DS, { method: 'destroy', using: PERSON, criteria: { where: { name: 'c' } } });
      const { gone: _gone, ...kept } = V1;
      await db().alter(DS, PERSON, { ...kept, score: { columnType: '_number' }, nick: { columnType: '_string', unique: true } });
      expect(await all()).toEqual([
        { id: 1, name: 'a', nick: 'x', score: null },
        { id: 2, name: 'b', nick: null, score: null },
      ]);
      expect((await create('d'))?.id).toBe(4);
      expect(await tables()).toEqual([PERSON]);
    });

    it('alter refuses, changing nothing, when rows break a new unique constraint', async () => {
      await start();
      await db().define(DS, PERSON, V1);
      await seed([{ name: 'a', nick: 'same' }, { name: 'b', nick: 'same' }]);
      const error = await db().alter(DS, PERSON, { ...V1, nick: { columnType: '_string', unique: true } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(new RegExp(`Cannot alter table \`${PERSON}\`.*${DUPLICATE_NICK[dialect.name]}.*Nothing was changed`, 's'));
      expect(await all()).toHaveLength(2);
      // Still the old definition: duplicates are accepted, the sequence continues, and no scratch table remains.
      await seed([{ nick: 'same' }]);
      expect((await create('next'))?.id).toBe(4);
      expect(await tables()).toEqual([PERSON]);
    });

    it('alter leaves a table that already has the definition alone', async () => {
      const definition = { ...V1, tags: { columnType: '_json' }, mail: { columnType: '_string', unique: true } };
      await start();
      await db().define(DS, PERSON, definition);
      await seed([{ name: 'a' }]);
      sent.length = 0;
      await db().alter(DS, PERSON, definition);
      expect(sent.filter((sql) => /^(INSERT|RENAME|ALTER TABLE \S+ RENAME)/.test(sql))).toEqual([]);
      expect(await all()).toMatchObject([{ id: 1, name: 'a' }]);
    });

    it('setSequence moves the next generated id; unknown sequences are ignored', async () => {
      await start({ [PERSON]: { identity: 'person', tableName: PERSON, primaryKey: 'id', definition: V1 } });
      await db().define(DS, PERSON, V1);
      await seed([{ name: 'a' }]);
      await db().setSequence(DS, `${PERSON}_id_seq`, 41);
      expect((await create('b'))?.id).toBe(42);
      await expect(db().setSequence(DS, `${PREFIX}unknown_id_seq`, 5)).resolves.toBeUndefined();
    });

    it('refuses to register the same datastore twice', async () => {
      await start();
      await expect(db().registerDatastore({ adapter: dialect.name, identity: DS }, {})).rejects.toThrow(/already registered/);
    });
  });
}
