import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../../src/adapters/adapter.js';
import { createPostgresqlAdapter, type PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import { ConfigurationError } from '../../../src/errors/definition-error.js';
import { DS, fetch, find, SERVER_URL } from './postgresql-fixtures.js';

const PERSON = 'pgm_person';
const V1: TableDefinition = {
  id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
  name: { columnType: '_string' },
  nick: { columnType: '_string' },
  gone: { columnType: '_string' },
};

let adapter: PostgresqlAdapter;

async function open(config: Record<string, unknown> = { url: SERVER_URL }): Promise<PostgresqlAdapter> {
  adapter = createPostgresqlAdapter();
  await adapter.registerDatastore({ adapter: 'postgresql', identity: DS, ...config }, {});
  return adapter;
}

async function seed(rows: Record<string, unknown>[]): Promise<void> {
  await adapter.createEach(DS, { method: 'createEach', using: PERSON, newRecords: rows.map((r) => ({ id: null, ...r })) });
}

const all = () => adapter.find(DS, find(PERSON, { where: {}, sort: [{ id: 'ASC' }] }));
const create = (name: string) => adapter.create(DS, { method: 'create', using: PERSON, newRecord: { id: null, name }, meta: fetch });

describe.skipIf(!SERVER_URL)('PostgreSQL adapter: define / drop / alter / setSequence', () => {
  afterEach(async () => {
    await adapter.drop(DS, PERSON);
    await adapter.teardown(null);
  });

  it('defines tables with keys, unique columns and identity ids; drop tolerates absence', async () => {
    await open();
    await adapter.drop(DS, PERSON);
    await adapter.define(DS, PERSON, { ...V1, email: { columnType: '_string', unique: true } });
    await seed([{ email: 'a' }]);
    await expect(seed([{ email: 'a' }])).rejects.toMatchObject({ footprint: { identity: 'notUnique', keys: ['email'] } });
    await adapter.drop(DS, PERSON);
    await adapter.drop(DS, PERSON);
    await expect(all()).rejects.toMatchObject({ footprint: { identity: 'noSuchPhysicalModel' } });
  });

  it('maps reserved column types to PostgreSQL types', async () => {
    await open();
    await adapter.define(DS, PERSON, {
      id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
      n: { columnType: '_number' },
      fk: { columnType: '_numberkey' },
      at: { columnType: '_numbertimestamp' },
      s: { columnType: '_string' },
      k: { columnType: '_stringkey', unique: true },
      b: { columnType: '_boolean' },
      j: { columnType: '_json' },
      r: { columnType: '_ref' },
      v: { columnType: 'varchar(20)' },
    });
    const { rows } = await adapter.sendNativeQuery(
      DS,
      'SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [PERSON],
    );
    expect(rows.map((r) => [r.column_name, r.data_type, r.is_identity])).toEqual([
      ['id', 'integer', 'YES'],
      ['n', 'double precision', 'NO'],
      ['fk', 'integer', 'NO'],
      ['at', 'bigint', 'NO'],
      ['s', 'text', 'NO'],
      ['k', 'text', 'NO'],
      ['b', 'boolean', 'NO'],
      ['j', 'jsonb', 'NO'],
      ['r', 'text', 'NO'],
      ['v', 'character varying', 'NO'],
    ]);
  });

  it('refuses definitions PostgreSQL cannot honour', async () => {
    await open();
    await expect(adapter.define(DS, PERSON, { n: { columnType: '_string', autoIncrement: true, primaryKey: true } })).rejects.toThrow(/integer column type/);
    await expect(adapter.define(DS, PERSON, { n: { columnType: 'text); DROP TABLE x; --' } })).rejects.toThrow(/is not a column type/);
  });

  it('alter creates a missing table', async () => {
    await open();
    await adapter.drop(DS, PERSON);
    await adapter.alter(DS, PERSON, V1);
    await seed([{ name: 'a' }]);
    expect(await all()).toEqual([{ id: 1, name: 'a', nick: null, gone: null }]);
  });

  it('alter keeps every row and the id sequence, adding, removing and retyping columns', async () => {
    await open();
    await adapter.drop(DS, PERSON);
    await adapter.define(DS, PERSON, { ...V1, score: { columnType: '_string' } });
    await seed([{ name: 'a', nick: 'x', gone: 'g', score: '12.5' }, { name: 'b' }, { name: 'c' }]);
    await adapter.destroy(DS, { method: 'destroy', using: PERSON, criteria: { where: { name: 'c' } } });
    const { gone: _gone, ...kept } = V1;
    await adapter.alter(DS, PERSON, { ...kept, score: { columnType: '_number' }, nick: { columnType: '_json', unique: true } });
    expect(await all()).toEqual([
      { id: 1, name: 'a', nick: 'x', score: 12.5 },
      { id: 2, name: 'b', nick: null, score: null },
    ]);
    expect((await create('d'))?.id).toBe(4);
  });

  it('alter leaves a table built from the same definition alone', async () => {
    await open();
    await adapter.drop(DS, PERSON);
    await adapter.define(DS, PERSON, V1);
    await seed([{ name: 'a' }]);
    const before = await adapter.sendNativeQuery(DS, 'SELECT to_regclass($1)::oid AS oid', [`"${PERSON}"`]);
    await adapter.alter(DS, PERSON, V1);
    const after = await adapter.sendNativeQuery(DS, 'SELECT to_regclass($1)::oid AS oid', [`"${PERSON}"`]);
    expect(after.rows[0]?.oid).toBe(before.rows[0]?.oid);
    expect(await all()).toHaveLength(1);
  });

  it('alter refuses, changing nothing, when rows break the new definition', async () => {
    await open();
    await adapter.drop(DS, PERSON);
    await adapter.define(DS, PERSON, V1);
    await seed([{ name: 'a', nick: 'same' }, { name: 'b', nick: 'same' }]);
    const error = await adapter.alter(DS, PERSON, { ...V1, nick: { columnType: '_string', unique: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Cannot alter table `pgm_person`.*duplicate key value.*Key \(nick\)=\(same\) already exists.*Nothing was changed/);
    await expect(adapter.alter(DS, PERSON, { ...V1, name: { columnType: '_number' } })).rejects.toThrow(/do not fit.*invalid input syntax for type double precision/);
    expect(await all()).toHaveLength(2);
    // Still the old definition: duplicates are accepted, the sequence continues.
    await seed([{ nick: 'same' }]);
    expect((await create('next'))?.id).toBe(4);
  });

  it('setSequence moves the next generated id; unknown sequences are ignored', async () => {
    await open();
    await adapter.drop(DS, PERSON);
    await adapter.alter(DS, PERSON, V1);
    await seed([{ name: 'a' }]);
    await adapter.setSequence(DS, `${PERSON}_id_seq`, 41);
    expect((await create('b'))?.id).toBe(42);
    await adapter.setSequence(DS, 'pgm_unknown_id_seq', 5);
  });

  it('refuses to register the same datastore twice', async () => {
    await open();
    await expect(adapter.registerDatastore({ adapter: 'postgresql', identity: DS, url: SERVER_URL }, {})).rejects.toThrow(/already registered/);
  });
});

describe.skipIf(!SERVER_URL)('PostgreSQL adapter: datastore configuration', () => {
  const url = new URL(SERVER_URL ?? 'postgres://localhost');
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
