/** MySQL-only behaviour: case-insensitive collations, driver-side binding, pooled sessions, native results. */
import mysql2 from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapters/adapter.js';
import type { MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import type { WhereClause } from '../../../src/query/shapes.js';
import { cleanup, definitions, DS, find, insertUsers, names, native, physicalModels, setup, tableNames } from './fixtures/index.js';
import { mysql, MYSQL_URL } from './fixtures/mysql.js';

const PREFIX = 'umy_';
const T = tableNames(PREFIX);
let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;

const where = async (w: WhereClause): Promise<unknown[]> => names(await db().find(DS, find(T.user, { where: w, sort: [{ id: 'ASC' }] })));
const all = (leasedConnection?: Connection) => db().find(DS, find(T.user, { where: {}, sort: [{ id: 'ASC' }] }, leasedConnection ? { meta: { leasedConnection } } : {}));

describe.skipIf(!mysql.available)('MySQL adapter: text and binding', () => {
  beforeAll(async () => {
    adapter = await setup(mysql, PREFIX);
    await insertUsers(db(), T.user, [
      { name: 'ann', email: 'ann@x.io' },
      { name: 'bob', email: 'bob@x.io' },
      { name: 'a_b', email: 'u@x.io' },
    ]);
  });
  afterAll(() => cleanup(mysql, adapter, PREFIX));

  it('compares text case-insensitively, as MySQL does under its default collations', async () => {
    expect(await where({ name: 'BOB' })).toEqual(['bob']);
    expect(await where({ name: { like: 'A%' } })).toEqual(['ann', 'a_b']);
    expect(await where({ email: { like: 'ANN@%' } })).toEqual(['ann']);
  });

  it('binds a NUL byte as data', async () => {
    expect(await where({ name: '\0' })).toEqual([]);
    expect(await where({ name: { like: '\0' } })).toEqual([]);
    expect(await where({ name: { in: ['\0', 'x'] } })).toEqual([]);
  });

  it('binds native queries through the driver too, `?` or `$n`', async () => {
    const rows = await native(db(), `SELECT name FROM \`${T.user}\` WHERE name = $1 OR name = $2`, ["' OR 1=1 --", 'bob']);
    expect(rows).toEqual([{ name: 'bob' }]);
    await expect(db().sendNativeQuery(DS, 'SELECT $2', [1])).rejects.toThrow(/\$2` has no value/);
  });
});

describe.skipIf(!mysql.available)('MySQL adapter: pooled connections', () => {
  beforeEach(async () => {
    await adapter?.teardown(null);
    adapter = await setup(mysql, PREFIX, { connectionLimit: 4 });
  });
  afterAll(() => cleanup(mysql, adapter, PREFIX));

  it('keeps one connection (and its session) for the whole of a lease', async () => {
    const result = await db().leaseConnection(DS, async (conn) => {
      const meta = { leasedConnection: conn };
      await db().sendNativeQuery(DS, 'SET @mooring_probe = ?', [7], meta);
      return native(db(), 'SELECT @mooring_probe AS v', [], meta);
    });
    expect(result).toEqual([{ v: 7 }]);
  });

  it('runs queries that forgot the connection, and nested leases and transactions, on the lease', async () => {
    const id = async (leasedConnection?: Connection) => (await native(db(), 'SELECT CONNECTION_ID() AS id', [], leasedConnection ? { leasedConnection } : undefined))[0]?.id;
    const ids = await db().transaction(DS, async (conn) => [
      await id(conn),
      await id(),
      await db().transaction(DS, () => id()),
      await db().leaseConnection(DS, (inner) => id(inner)),
    ]);
    expect(new Set(ids).size).toBe(1);
  });

  it('sends work that outlives `during` to the pool, not to the connection it gave back', async () => {
    const solo = await mysql.open({ connectionLimit: 1 }, physicalModels(definitions(T, mysql.blobColumnType)));
    const rows = () => solo.find(DS, find(T.user, { where: {} }));
    try {
      let later!: Promise<unknown>;
      await solo.leaseConnection(DS, async () => {
        later = new Promise((resolve) => setTimeout(resolve, 20)).then(rows);
      });
      // The pool's only connection now holds another transaction's uncommitted row; `later` must not see it.
      const other = solo.transaction(DS, async (conn) => {
        await solo.create(DS, { method: 'create', using: T.user, newRecord: { id: null, name: 'uncommitted' }, meta: { leasedConnection: conn } });
        await new Promise((resolve) => setTimeout(resolve, 60));
        throw new Error('undo');
      });
      await expect(other).rejects.toThrow('undo');
      await expect(later).resolves.toEqual([]);
    } finally {
      await solo.teardown(null);
    }
  });

  it('rolls back a transaction left open by a lease that throws, before pooling the connection again', async () => {
    const solo = await mysql.open({ connectionLimit: 1 }, physicalModels(definitions(T, mysql.blobColumnType)));
    try {
      const boom = new Error('boom');
      await expect(
        solo.leaseConnection(DS, async (conn) => {
          await solo.sendNativeQuery(DS, 'START TRANSACTION', [], { leasedConnection: conn });
          throw boom;
        }),
      ).rejects.toBe(boom);
      // The pool's only connection is in autocommit again: this write is visible elsewhere at once.
      await solo.create(DS, { method: 'create', using: T.user, newRecord: { id: null, name: 'after' } });
      expect(names(await all())).toEqual(['after']);
    } finally {
      await solo.teardown(null);
    }
  });

  it('says the server cannot be reached when the connection is lost', async () => {
    // Killed from another client: inside `during`, even a query without the connection runs on the lease.
    const admin = await mysql2.createConnection(MYSQL_URL ?? '');
    const error = await db()
      .leaseConnection(DS, async (conn) => {
        const [row] = await native(db(), 'SELECT CONNECTION_ID() AS id', [], { leasedConnection: conn });
        await admin.query(`KILL ${Number(row?.id)}`);
        await all(conn);
      })
      .catch((e: unknown) => e)
      .finally(() => admin.end());
    expect((error as Error).message).toMatch(new RegExp(`Datastore \`${DS}\` cannot reach the MySQL server at 127\\.0\\.0\\.1:3306 \\(.*\\)`));
    // The broken connection was discarded, not returned to the pool.
    expect(await all()).toEqual([]);
  });

  it('sendNativeQuery returns {rows, fields} for SELECT and the driver result otherwise', async () => {
    await insertUsers(db(), T.user, [{ name: 'a', age: 1 }, { name: 'b', age: 2 }]);
    const select = await db().sendNativeQuery(DS, `SELECT name, age FROM \`${T.user}\` WHERE age > ? ORDER BY id`, [0]);
    expect(select).toMatchObject({ rows: [{ name: 'a', age: 1 }, { name: 'b', age: 2 }] });
    expect('fields' in select && select.fields.map((f) => f.name)).toEqual(['name', 'age']);
    const insert = await db().sendNativeQuery(DS, `INSERT INTO \`${T.user}\` (name, active) VALUES ($1, $2)`, ['c', true]);
    expect(insert).toMatchObject({ affectedRows: 1, insertId: 3 });
    const update = await db().sendNativeQuery(DS, `UPDATE \`${T.user}\` SET age = $1 WHERE name <> '$1' AND age IS NULL OR age < $1`, [5]);
    expect(update).toMatchObject({ affectedRows: 3 });
  });

  it('refuses to leave a native transaction open on a pooled connection', async () => {
    await expect(db().sendNativeQuery(DS, 'START TRANSACTION', [])).rejects.toThrow(/cannot leave a transaction open.*rolled back/);
  });
});
