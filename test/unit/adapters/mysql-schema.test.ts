/** MySQL-only schema and configuration behaviour: column types, collation, alter locking, settings. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../../src/adapters/adapter.js';
import { createMysqlAdapter, type MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import { cleanup, DS, find, native, PERSON_V1 } from './fixtures/index.js';
import { mysql, MYSQL_URL } from './fixtures/mysql.js';

const PREFIX = 'umm_';
const PERSON = `${PREFIX}person`;
const V1 = PERSON_V1;

let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;
const start = async (config: Record<string, unknown> = {}) => {
  adapter = await mysql.open(config);
  await db().drop(DS, PERSON);
};
const seed = (rows: Record<string, unknown>[]) => db().createEach(DS, { method: 'createEach', using: PERSON, newRecords: rows.map((r) => ({ id: null, ...r })) });
const all = () => db().find(DS, find(PERSON, { where: {}, sort: [{ id: 'ASC' }] }));
const ofPerson = 'WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?';

describe.skipIf(!mysql.available)('MySQL adapter: column types, collation and alter', () => {
  afterEach(async () => {
    await cleanup(mysql, adapter, PREFIX);
    adapter = undefined;
  });

  it('maps every reserved column type, indexing unique strings as VARCHAR(255)', async () => {
    await start();
    await db().define(DS, PERSON, {
      id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
      n: { columnType: '_number' }, fk: { columnType: '_numberkey' }, at: { columnType: '_numbertimestamp' },
      s: { columnType: '_string' }, u: { columnType: '_string', unique: true }, k: { columnType: '_stringkey' }, st: { columnType: '_stringtimestamp' },
      b: { columnType: '_boolean' }, j: { columnType: '_json' }, r: { columnType: '_ref' }, nat: { columnType: 'decimal(10, 2)' },
    });
    const columns = await native(db(), `SELECT COLUMN_NAME AS c, COLUMN_TYPE AS t, COLUMN_KEY AS k, EXTRA AS e FROM information_schema.COLUMNS ${ofPerson} ORDER BY ORDINAL_POSITION`, [PERSON]);
    expect(columns.map((c) => [c.c, String(c.t).replace(/^int\(11\)$/, 'int'), c.k, c.e])).toEqual([
      ['id', 'int', 'PRI', 'auto_increment'], ['n', 'double', '', ''], ['fk', 'int', '', ''], ['at', expect.stringMatching(/^bigint/), '', ''],
      ['s', 'longtext', '', ''], ['u', 'varchar(255)', 'UNI', ''], ['k', 'varchar(255)', '', ''], ['st', 'varchar(255)', '', ''],
      ['b', 'tinyint(1)', '', ''], ['j', 'longtext', '', ''], ['r', 'longblob', '', ''], ['nat', 'decimal(10,2)', '', ''],
    ]);
    const [table] = await native(db(), `SELECT ENGINE AS engine, TABLE_COLLATION AS collation FROM information_schema.TABLES ${ofPerson}`, [PERSON]);
    expect(table).toEqual({ engine: 'InnoDB', collation: 'utf8mb4_unicode_ci' });
    // The unique index is named after its column: that is how duplicate-key errors map back.
    expect(await native(db(), `SELECT DISTINCT INDEX_NAME AS i FROM information_schema.STATISTICS ${ofPerson} ORDER BY 1`, [PERSON])).toEqual([{ i: 'PRIMARY' }, { i: 'u' }]);
    // json columns only take valid JSON.
    await expect(native(db(), `INSERT INTO \`${PERSON}\` (j) VALUES (?)`, ['{not json'])).rejects.toMatchObject({ footprint: { identity: 'catchall' } });
  });

  it('refuses to auto-increment a column that is neither primary key nor unique', async () => {
    await start();
    await expect(db().define(DS, `${PREFIX}t`, { n: { columnType: '_number', autoIncrement: true } })).rejects.toThrow(/only auto-increment a primary key or unique/);
    expect(await mysql.listTables(db(), PREFIX)).toEqual([]);
  });

  it('uses the datastore collation setting for new tables', async () => {
    await start({ collation: 'utf8mb4_bin' });
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'Ann' }]);
    const count = (where: Record<string, unknown>, meta = {}) => db().count(DS, { method: 'count', using: PERSON, criteria: { where }, meta });
    expect(await count({ name: 'ann' })).toBe(0);
    expect(await count({ name: { like: 'a%' } })).toBe(0);
    expect(await count({ name: { like: 'a%' } }, { makeLikeModifierCaseInsensitive: true })).toBe(1);
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
        expect(await native(db(), 'SELECT @@SESSION.sql_mode AS m', [], meta)).toEqual([{ m: '' }]);
      } finally {
        await db().sendNativeQuery(DS, 'SET SESSION sql_mode = DEFAULT', [], meta);
      }
    });
    expect((await all())[0]?.name).toHaveLength(300);
  });

  it('serialises concurrent alters of one table (several processes lifting at once)', async () => {
    await start();
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'a' }, { name: 'b' }]);
    const others = await Promise.all([mysql.open(), mysql.open(), mysql.open()]);
    try {
      const { gone: _gone, ...kept } = V1;
      const next = { ...kept, extra: { columnType: '_number' } } satisfies TableDefinition;
      await Promise.all(others.map((other) => other.alter(DS, PERSON, next)));
      expect(await all()).toEqual([
        { id: 1, name: 'a', nick: null, extra: null },
        { id: 2, name: 'b', nick: null, extra: null },
      ]);
      expect(await mysql.listTables(db(), PREFIX)).toEqual([PERSON]);
    } finally {
      await Promise.all(others.map((other) => other.teardown(null)));
    }
  });
});

describe.skipIf(!mysql.available)('MySQL adapter: datastore configuration', () => {
  const url = new URL(MYSQL_URL ?? 'mysql://localhost/x');
  afterEach(async () => {
    await adapter?.teardown(null);
    adapter = undefined;
  });

  it('connects from host/port/user/database keys as well as from a url', async () => {
    await start({ url: undefined, host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), database: url.pathname.slice(1), connectionLimit: 2 });
    expect(await native(db(), 'SELECT DATABASE() AS db')).toEqual([{ db: url.pathname.slice(1) }]);
    await db().teardown(null);
    // Sails strips a trailing slash from urls; one left there is not part of the database name.
    await start({ url: `${MYSQL_URL}/` });
    expect(await native(db(), 'SELECT DATABASE() AS db')).toEqual([{ db: url.pathname.slice(1) }]);
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
});
