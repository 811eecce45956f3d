import { afterEach, describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../../src/adapters/adapter.js';
import { createMysqlAdapter, type MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import { cleanup, DS, fetch, find, MYSQL_URL, open } from './mysql-fixtures.js';

const PREFIX = 'myt_m_';
const PERSON = `${PREFIX}person`;

const V1: TableDefinition = {
  id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
  name: { columnType: '_string' },
  nick: { columnType: '_string' },
  gone: { columnType: '_string' },
};

let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;

async function start(extra: Record<string, unknown> = {}): Promise<MysqlAdapter> {
  adapter = await open(extra);
  await db().drop(DS, PERSON);
  return db();
}

async function seed(rows: Record<string, unknown>[]): Promise<void> {
  await db().createEach(DS, { method: 'createEach', using: PERSON, newRecords: rows.map((r) => ({ id: null, ...r })) });
}

const all = () => db().find(DS, find(PERSON, { where: {}, sort: [{ id: 'ASC' }] }));
const native = async (sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> => {
  const result = await db().sendNativeQuery(DS, sql, values);
  return 'rows' in result ? result.rows : [];
};
const tablesLike = (prefix: string) =>
  native('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE ? ORDER BY 1', [`${prefix}%`]);

afterEach(async () => {
  await cleanup(adapter, PREFIX);
  adapter = undefined;
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: define / drop', () => {
  it('defines tables with keys, unique columns and auto-increment; drop tolerates absence', async () => {
    await start();
    await db().define(DS, PERSON, { ...V1, email: { columnType: '_string', unique: true } });
    await seed([{ email: 'a' }]);
    await expect(seed([{ email: 'a' }])).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    await db().drop(DS, PERSON);
    await db().drop(DS, PERSON);
    await expect(all()).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
  });

  it('maps every reserved column type, indexing unique strings as VARCHAR(255)', async () => {
    await start();
    await db().define(DS, PERSON, {
      id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
      n: { columnType: '_number' }, fk: { columnType: '_numberkey' }, at: { columnType: '_numbertimestamp' },
      s: { columnType: '_string' }, u: { columnType: '_string', unique: true }, k: { columnType: '_stringkey' }, st: { columnType: '_stringtimestamp' },
      b: { columnType: '_boolean' }, j: { columnType: '_json' }, r: { columnType: '_ref' }, nat: { columnType: 'decimal(10, 2)' },
    });
    const columns = await native(
      'SELECT COLUMN_NAME AS c, COLUMN_TYPE AS t, COLUMN_KEY AS k, EXTRA AS e FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [PERSON],
    );
    expect(columns.map((c) => [c.c, String(c.t).replace(/^int\(11\)$/, 'int'), c.k, c.e])).toEqual([
      ['id', 'int', 'PRI', 'auto_increment'], ['n', 'double', '', ''], ['fk', 'int', '', ''], ['at', expect.stringMatching(/^bigint/), '', ''],
      ['s', 'longtext', '', ''], ['u', 'varchar(255)', 'UNI', ''], ['k', 'varchar(255)', '', ''], ['st', 'varchar(255)', '', ''],
      ['b', 'tinyint(1)', '', ''], ['j', 'longtext', '', ''], ['r', 'longblob', '', ''], ['nat', 'decimal(10,2)', '', ''],
    ]);
    const [table] = await native('SELECT ENGINE AS engine, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [PERSON]);
    expect(table).toEqual({ engine: 'InnoDB', collation: 'utf8mb4_unicode_ci' });
    // The unique index is named after its column: that is how duplicate-key errors map back.
    expect(await native('SELECT DISTINCT INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY 1', [PERSON])).toEqual([
      { i: 'PRIMARY' },
      { i: 'u' },
    ]);
    // json columns only take valid JSON.
    await expect(native(`INSERT INTO \`${PERSON}\` (j) VALUES (?)`, ['{not json'])).rejects.toMatchObject({ footprint: { identity: 'catchall' } });
  });

  it('refuses definitions MySQL cannot honour', async () => {
    await start();
    const t = `${PREFIX}t`;
    await expect(db().define(DS, t, { n: { columnType: '_number', autoIncrement: true } })).rejects.toThrow(/only auto-increment a primary key or unique/);
    await expect(db().define(DS, t, { n: { columnType: '_string', autoIncrement: true, primaryKey: true } })).rejects.toThrow(/integer column type/);
    await expect(db().define(DS, t, { n: { columnType: 'text); DROP TABLE x; --' } })).rejects.toThrow(/is not a column type/);
    expect(await tablesLike(t)).toEqual([]);
  });

  it('uses the datastore collation setting for new tables', async () => {
    await start({ collation: 'utf8mb4_bin' });
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'Ann' }]);
    expect(await db().count(DS, { method: 'count', using: PERSON, criteria: { where: { name: 'ann' } } })).toBe(0);
    expect(await db().count(DS, { method: 'count', using: PERSON, criteria: { where: { name: { like: 'a%' } } } })).toBe(0);
    const insensitive = { makeLikeModifierCaseInsensitive: true };
    expect(await db().count(DS, { method: 'count', using: PERSON, criteria: { where: { name: { like: 'a%' } } }, meta: insensitive })).toBe(1);
  });
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: alter / setSequence', () => {
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
    const next = await db().create(DS, { method: 'create', using: PERSON, newRecord: { id: null, name: 'd' }, meta: fetch });
    expect(next?.id).toBe(4);
    expect(await tablesLike(PERSON)).toEqual([{ name: PERSON }]);
  });

  it('alter refuses, changing nothing, when rows break a new unique constraint', async () => {
    await start();
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'a', nick: 'same' }, { name: 'b', nick: 'same' }]);
    const error = await db().alter(DS, PERSON, { ...V1, nick: { columnType: '_string', unique: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Cannot alter table `myt_m_person`.*Duplicate entry 'same'.*Nothing was changed/);
    expect(await all()).toHaveLength(2);
    // Still the old definition: duplicates are accepted, and no scratch table remains.
    await seed([{ nick: 'same' }]);
    expect(await tablesLike(PERSON)).toEqual([{ name: PERSON }]);
  });

  it('alter refuses to truncate, even when the session is not in strict mode', async () => {
    await start();
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'x'.repeat(300) }]);
    const narrow = { ...V1, name: { columnType: '_string', unique: true } };
    await db().leaseConnection(DS, async (connection) => {
      const meta = { leasedConnection: connection };
      await db().sendNativeQuery(DS, "SET SESSION sql_mode = ''", [], meta);
      try {
        await expect(db().alter(DS, PERSON, narrow, meta)).rejects.toThrow(/Cannot alter table.*Data too long.*Nothing was changed/);
        const [mode] = await db().sendNativeQuery(DS, 'SELECT @@SESSION.sql_mode AS m', [], meta).then((r) => ('rows' in r ? r.rows : []));
        expect(mode).toEqual({ m: '' });
      } finally {
        await db().sendNativeQuery(DS, 'SET SESSION sql_mode = DEFAULT', [], meta);
      }
    });
    expect((await all())[0]?.name).toHaveLength(300);
  });

  it('alter leaves a table that already has the definition alone', async () => {
    const sent: string[] = [];
    await start({ onStatement: (sql: string) => sent.push(sql) });
    await db().define(DS, PERSON, { ...V1, tags: { columnType: '_json' }, mail: { columnType: '_string', unique: true } });
    await seed([{ name: 'a' }]);
    sent.length = 0;
    await db().alter(DS, PERSON, { ...V1, tags: { columnType: '_json' }, mail: { columnType: '_string', unique: true } });
    expect(sent.filter((sql) => /^(INSERT|RENAME)/.test(sql))).toEqual([]);
    expect(await all()).toMatchObject([{ id: 1, name: 'a' }]);
  });

  it('serialises concurrent alters of one table (several processes lifting at once)', async () => {
    await start();
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'a' }, { name: 'b' }]);
    const others = await Promise.all([open(), open(), open()]);
    try {
      const { gone: _gone, ...kept } = V1;
      const next = { ...kept, extra: { columnType: '_number' } } satisfies TableDefinition;
      await Promise.all(others.map((other) => other.alter(DS, PERSON, next)));
      expect(await all()).toEqual([
        { id: 1, name: 'a', nick: null, extra: null },
        { id: 2, name: 'b', nick: null, extra: null },
      ]);
      expect(await tablesLike(PERSON)).toEqual([{ name: PERSON }]);
    } finally {
      await Promise.all(others.map((other) => other.teardown(null)));
    }
  });

  it('setSequence moves the next generated id; unknown sequences are ignored', async () => {
    adapter = createMysqlAdapter();
    await db().registerDatastore({ adapter: 'mysql', identity: DS, url: MYSQL_URL }, {
      [PERSON]: { identity: 'person', tableName: PERSON, primaryKey: 'id', definition: V1 },
    });
    await db().drop(DS, PERSON);
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'a' }]);
    await db().setSequence(DS, `${PERSON}_id_seq`, 41);
    const row = await db().create(DS, { method: 'create', using: PERSON, newRecord: { id: null, name: 'b' }, meta: fetch });
    expect(row?.id).toBe(42);
    await db().setSequence(DS, 'unknown_id_seq', 5);
  });
});

describe.skipIf(!MYSQL_URL)('MySQL adapter: datastore configuration', () => {
  const url = new URL(MYSQL_URL ?? 'mysql://localhost/x');

  it('connects from host/port/user/database keys as well as from a url', async () => {
    await start({ url: undefined, host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), database: url.pathname.slice(1), connectionLimit: 2 });
    expect(await native('SELECT DATABASE() AS db')).toEqual([{ db: url.pathname.slice(1) }]);
    await db().teardown(null);
    // Sails strips a trailing slash from urls; one left there is not part of the database name.
    await start({ url: `${MYSQL_URL}/` });
    expect(await native('SELECT DATABASE() AS db')).toEqual([{ db: url.pathname.slice(1) }]);
  });

  it('names the datastore, the address and the reason, and says what to fix, when the server is unreachable', async () => {
    const closed = createMysqlAdapter();
    const attempt = closed.registerDatastore({ adapter: 'mysql', identity: 'far', url: 'mysql://root@127.0.0.1:1/mooring_test' }, {});
    await expect(attempt).rejects.toMatchObject({ name: 'ConfigurationError', code: 'E_DATASTORE_UNREACHABLE' });
    await expect(attempt).rejects.toThrow(/Datastore `far`: cannot connect to the MySQL server at 127\.0\.0\.1:1 \(.*ECONNREFUSED.*\)\. Make sure the server is running/);
    const missing = new URL(url);
    missing.pathname = '/mooring_no_such_db';
    await expect(closed.registerDatastore({ adapter: 'mysql', identity: 'nodb', url: missing.toString() }, {})).rejects.toThrow(
      /Datastore `nodb`: cannot connect.*Unknown database.*create it \(`CREATE DATABASE/,
    );
  });

  it('rejects unusable settings before connecting', async () => {
    const bad = createMysqlAdapter();
    const config = (extra: Record<string, unknown>) => bad.registerDatastore({ adapter: 'mysql', identity: 'bad', ...extra }, {});
    await expect(config({ url: 'postgres://x/y' })).rejects.toThrow(/`url` must look like `mysql:\/\/user:password@host:3306\/database`/);
    await expect(config({ url: 'mysql://localhost' })).rejects.toThrow(/no database given/);
    await expect(config({ url: MYSQL_URL, collation: 'latin1_swedish_ci' })).rejects.toThrow(/utf8mb4 collation/);
    await expect(config({ url: MYSQL_URL, onStatement: 'log' })).rejects.toThrow(/`onStatement` must be a function/);
    await expect(config({ url: MYSQL_URL, charset: 'klingon' })).rejects.toThrow(/Datastore `bad`: mysql2 refused its settings \(.*klingon/);
  });

  it('refuses to register the same datastore twice', async () => {
    await start();
    await expect(db().registerDatastore({ adapter: 'mysql', identity: DS, url: MYSQL_URL }, {})).rejects.toThrow(/already registered/);
  });
});
