import { describe, expect, it } from 'vitest';
import { tableCodec } from '../../../src/adapters/sql/codec.js';
import { parseColumnType } from '../../../src/adapters/sql/column-type.js';
import { SqlCompiler } from '../../../src/adapters/sql/compiler.js';
import { createTableSql } from '../../../src/adapters/sql/ddl.js';
import type { Dialect } from '../../../src/adapters/sql/dialect.js';
import { sqliteDialect } from '../../../src/adapters/sqlite/dialect.js';

// A PostgreSQL-flavoured dialect: `$n` placeholders prove values line up with SQL order.
const numbered: Dialect = {
  ...sqliteDialect,
  name: 'numbered',
  placeholder: (n) => `$${n}`,
  limitOffset: (limit, offset) => `${limit ? ` LIMIT ${limit}` : ''}${offset ? ` OFFSET ${offset}` : ''}`,
  arrayMembership: { sql: (e, p) => `${e} = ANY(${p})`, encode: (v) => v },
  encodeBoolean: (v) => v,
};

const target = (dialect: Dialect) => ({ table: 'user', codec: tableCodec({ flag: { columnType: '_boolean' }, doc: { columnType: '_json' } }, dialect) });

describe('shared SQL compiler', () => {
  it('numbers placeholders in the order values are bound', () => {
    const compiler = new SqlCompiler(numbered);
    const update = compiler.update(
      target(numbered),
      { name: 'x', flag: true, doc: { a: 1 } },
      { where: { and: [{ age: { '>': 3 } }, { or: [{ id: { in: [1, 2] } }, { name: { like: 'a%' } }] }] }, sort: [{ id: 'ASC' }], limit: 5, skip: 1 },
      'id',
      true,
    );
    expect(update?.sql).toBe(
      'UPDATE "user" SET "name" = $1, "flag" = $2, "doc" = $3 WHERE "id" IN (SELECT "id" FROM "user" WHERE ("age" > $4 AND ' +
        `("id" = ANY($5) OR "name" LIKE $6 ESCAPE '\\')) ORDER BY "id" ASC LIMIT $7 OFFSET $8) RETURNING *`,
    );
    expect(update?.values).toEqual(['x', true, '{"a":1}', 3, [1, 2], 'a%', 5, 1]);
  });

  it('caches SQL per shape: values and list lengths vary, the text does not', () => {
    const compiler = new SqlCompiler(sqliteDialect);
    const t = target(sqliteDialect);
    const a = compiler.select(t, { where: { name: 'a', id: { in: [1, 2, 3] } }, limit: 10 });
    const b = compiler.select(t, { where: { name: 'b', id: { in: [4] } }, limit: 20 });
    expect(b.sql).toBe(a.sql);
    expect(b.values).toEqual(['b', '[4]', 20]);
    // Different shapes never share text.
    const c = compiler.select(t, { where: { name: null, id: { in: [1] } }, limit: 10 });
    const d = compiler.select(t, { where: { name: 'a', id: { in: [1] } } });
    expect(new Set([a.sql, c.sql, d.sql]).size).toBe(3);
    // Lists that can't be one bound array are expanded, keyed by length.
    const e = compiler.select(t, { where: { id: { in: [1, null] } } });
    expect(e.sql).toBe('SELECT * FROM "user" WHERE "id" IN (?, ?)');
  });

  it('cannot be fooled into sharing a shape by crafted column names', () => {
    const compiler = new SqlCompiler(sqliteDialect);
    const t = target(sqliteDialect);
    const a = compiler.select(t, { where: { and: [{ 'a=': 1 }, { b: 2 }] } });
    const b = compiler.select(t, { where: { and: [{ a: { '!=': 1 } }, { b: 2 }] } });
    expect(a.sql).not.toBe(b.sql);
    expect(compiler.select(t, { where: { 'x"y': 1 } }).sql).toBe('SELECT * FROM "user" WHERE "x""y" = ?');
  });

  it('encodes booleans and json according to the column', () => {
    const compiler = new SqlCompiler(sqliteDialect);
    const insert = compiler.insert(target(sqliteDialect), { id: null, flag: false, doc: null, other: true, when: new Date(0) }, 'id', false);
    expect(insert.sql).toBe('INSERT INTO "user" ("flag", "doc", "other", "when") VALUES (?, ?, ?, ?)');
    expect(insert.values).toEqual([0, null, 1, '1970-01-01T00:00:00.000Z']);
    expect(compiler.insert(target(sqliteDialect), { id: null }, 'id', true).sql).toBe('INSERT INTO "user" DEFAULT VALUES RETURNING *');
  });

  it('rejects modifiers Waterline never sends', () => {
    const compiler = new SqlCompiler(sqliteDialect);
    expect(() => compiler.select(target(sqliteDialect), { where: { a: { contains: 'x' } } })).toThrow(/unsupported modifier `contains`/);
    expect(() => compiler.select(target(sqliteDialect), { where: { or: { a: 1 } } })).toThrow(/`or` must be an array/);
  });

  it('parses reserved column types and maps them to SQLite DDL', () => {
    expect(parseColumnType('_numbertimestamp')).toEqual({ kind: 'number', key: false, timestamp: true });
    expect(parseColumnType('_booleankey')).toEqual({ kind: 'boolean', key: true, timestamp: false });
    expect(parseColumnType('varchar(255)')).toEqual({ kind: 'native', key: false, timestamp: false, native: 'varchar(255)' });
    expect(
      createTableSql(sqliteDialect, 'user', {
        id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
        name: { columnType: '_string', unique: true },
        age: { columnType: '_number' },
        createdAt: { columnType: '_numbertimestamp' },
        updatedAt: { columnType: '_stringtimestamp' },
        active: { columnType: '_boolean' },
        data: { columnType: '_json' },
        file: { columnType: '_ref' },
        pet: { columnType: '_numberkey' },
        code: { columnType: 'varchar(20)' },
      }),
    ).toBe(
      'CREATE TABLE "user" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT UNIQUE, "age" REAL, "createdAt" INTEGER, ' +
        '"updatedAt" TEXT, "active" INTEGER, "data" TEXT, "file" BLOB, "pet" INTEGER, "code" varchar(20))',
    );
    expect(createTableSql(sqliteDialect, 'tag', { code: { columnType: '_stringkey', primaryKey: true } })).toBe(
      'CREATE TABLE "tag" ("code" TEXT PRIMARY KEY NOT NULL)',
    );
  });
});
