/** PostgreSQL-only schema and configuration behaviour: column types, retyping alter, connection settings. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPostgresqlAdapter, type PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import { ConfigurationError } from '../../../src/errors/definition-error.js';
import { cleanup, DS, fetch, find, PERSON_V1 } from './fixtures/index.js';
import { postgresql, POSTGRESQL_URL } from './fixtures/postgresql.js';

const PREFIX = 'upm_';
const PERSON = `${PREFIX}person`;
const V1 = PERSON_V1;

let adapter: PostgresqlAdapter | undefined;
const db = (): PostgresqlAdapter => adapter!;
const seed = (rows: Record<string, unknown>[]) => db().createEach(DS, { method: 'createEach', using: PERSON, newRecords: rows.map((r) => ({ id: null, ...r })) });
const all = () => db().find(DS, find(PERSON, { where: {}, sort: [{ id: 'ASC' }] }));
const create = (name: string) => db().create(DS, { method: 'create', using: PERSON, newRecord: { id: null, name }, meta: fetch });

describe.skipIf(!postgresql.available)('PostgreSQL adapter: column types and alter', () => {
  afterEach(async () => {
    await cleanup(postgresql, adapter, PREFIX);
    adapter = undefined;
  });
  const start = async () => {
    adapter = await postgresql.open();
    await db().drop(DS, PERSON);
  };

  it('maps reserved column types to PostgreSQL types, ids as identity columns', async () => {
    await start();
    await db().define(DS, PERSON, {
      id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
      n: { columnType: '_number' }, fk: { columnType: '_numberkey' }, at: { columnType: '_numbertimestamp' },
      s: { columnType: '_string' }, k: { columnType: '_stringkey', unique: true }, b: { columnType: '_boolean' },
      j: { columnType: '_json' }, r: { columnType: '_ref' }, v: { columnType: 'varchar(20)' },
    });
    const sql = 'SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position';
    const { rows } = await db().sendNativeQuery(DS, sql, [PERSON]);
    expect(rows.map((r) => [r.column_name, r.data_type, r.is_identity])).toEqual([
      ['id', 'integer', 'YES'], ['n', 'double precision', 'NO'], ['fk', 'integer', 'NO'], ['at', 'bigint', 'NO'],
      ['s', 'text', 'NO'], ['k', 'text', 'NO'], ['b', 'boolean', 'NO'], ['j', 'jsonb', 'NO'], ['r', 'text', 'NO'],
      ['v', 'character varying', 'NO'],
    ]);
  });

  it('alter retypes columns, converting the values that fit', async () => {
    await start();
    await db().define(DS, PERSON, { ...V1, score: { columnType: '_string' } });
    await seed([{ name: 'a', nick: 'x', gone: 'g', score: '12.5' }, { name: 'b' }, { name: 'c' }]);
    await db().destroy(DS, { method: 'destroy', using: PERSON, criteria: { where: { name: 'c' } } });
    const { gone: _gone, ...kept } = V1;
    await db().alter(DS, PERSON, { ...kept, score: { columnType: '_number' }, nick: { columnType: '_json', unique: true } });
    expect(await all()).toEqual([
      { id: 1, name: 'a', nick: 'x', score: 12.5 },
      { id: 2, name: 'b', nick: null, score: null },
    ]);
    expect((await create('d'))?.id).toBe(4);
  });

  it('alter keeps the very table when the definition is unchanged', async () => {
    await start();
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'a' }]);
    const oid = async () => (await db().sendNativeQuery(DS, 'SELECT to_regclass($1)::oid AS oid', [`"${PERSON}"`])).rows[0]?.oid;
    const before = await oid();
    await db().alter(DS, PERSON, V1);
    expect(await oid()).toBe(before);
    expect(await all()).toHaveLength(1);
  });

  it('alter refuses, changing nothing, when values do not fit a new type', async () => {
    await start();
    await db().define(DS, PERSON, V1);
    await seed([{ name: 'a' }, { name: 'b' }]);
    await expect(db().alter(DS, PERSON, { ...V1, name: { columnType: '_number' } })).rejects.toThrow(/do not fit.*invalid input syntax for type double precision/);
    expect(await all()).toHaveLength(2);
  });
});

describe.skipIf(!postgresql.available)('PostgreSQL adapter: datastore configuration', () => {
  const url = new URL(POSTGRESQL_URL ?? 'postgres://localhost');
  const failing = createPostgresqlAdapter();
  afterAll(() => failing.teardown(null));

  const register = (config: Record<string, unknown>) => failing.registerDatastore({ adapter: 'postgresql', identity: 'cfg', ...config }, {});

  it('connects with host/port/user/database keys and pool settings', async () => {
    const a = createPostgresqlAdapter();
    await a.registerDatastore(
      { adapter: 'postgresql', identity: 'keys', host: url.hostname, port: Number(url.port || 5432), user: url.username, database: url.pathname.slice(1), max: 2, idleTimeoutMillis: 1000 },
      {},
    );
    expect((await a.sendNativeQuery('keys', 'SELECT current_database() AS db', [])).rows).toEqual([{ db: url.pathname.slice(1) }]);
    await a.teardown('keys');
  });

  it('lets explicit keys win over the url, and takes numbers written as text', async () => {
    const a = createPostgresqlAdapter();
    const wrong = new URL(url);
    wrong.pathname = '/mooring_no_such_database';
    wrong.port = '1';
    await a.registerDatastore({ adapter: 'postgresql', identity: 'mixed', url: wrong.toString(), database: url.pathname.slice(1), port: url.port || '5432' }, {});
    expect((await a.sendNativeQuery('mixed', 'SELECT current_database() AS db', [])).rows).toEqual([{ db: url.pathname.slice(1) }]);
    await a.teardown(null);
  });

  it('names the datastore, the server, the reason and the fix when the server is unreachable', async () => {
    const error = await register({ url: 'postgres://postgres@127.0.0.1:1/x', connectionTimeoutMillis: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: 'E_DATASTORE_UNREACHABLE' });
    expect((error as Error).message).toMatch(/^Datastore `cfg`: cannot connect to the PostgreSQL server at 127\.0\.0\.1:1 \(.*ECONNREFUSED.*\)\. .*start the PostgreSQL server/);
  });

  it('says when the database does not exist', async () => {
    const missing = new URL(url);
    missing.pathname = '/mooring_no_such_database';
    await expect(register({ url: missing.toString() })).rejects.toThrow(/database "mooring_no_such_database" does not exist.*create it/);
  });

  it('rejects malformed settings', async () => {
    await expect(register({ url: 'mysql://x' })).rejects.toThrow(/must start with `postgres:\/\/`/);
    await expect(register({ port: 'abc' })).rejects.toThrow(/`port` must be a whole number/);
    await expect(register({ url: 42 })).rejects.toThrow(/`url` must be a string/);
  });
});
