/** Shared setup for the SQLite adapter tests: an in-memory datastore with a few tables. */
import Database from 'better-sqlite3';
import { vi } from 'vitest';
import type { PhysicalModel, TableDefinition } from '../../../src/adapters/adapter.js';
import { createSqliteAdapter, type SqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import type { RecordData, Stage3Criteria, Stage3Query } from '../../../src/query/shapes.js';

export const DS = 'test';

export const TABLES: Record<string, { primaryKey: string; definition: TableDefinition }> = {
  user: {
    primaryKey: 'id',
    definition: {
      id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
      name: { columnType: '_string' },
      email: { columnType: '_string', unique: true },
      age: { columnType: '_number' },
      active: { columnType: '_boolean' },
      data: { columnType: '_json' },
      blob: { columnType: '_ref' },
      best_pet: { columnType: '_numberkey' },
    },
  },
  pet: {
    primaryKey: 'id',
    definition: {
      id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
      name: { columnType: '_string' },
      owner: { columnType: '_numberkey' },
      legs: { columnType: '_number' },
    },
  },
  tag: {
    primaryKey: 'code',
    definition: {
      code: { columnType: '_stringkey', primaryKey: true },
      label: { columnType: '_string' },
    },
  },
  tag_users__user_tags: {
    primaryKey: 'id',
    definition: {
      id: { columnType: 'integer', autoIncrement: true, primaryKey: true },
      tag_users: { columnType: '_stringkey' },
      user_tags: { columnType: '_numberkey' },
    },
  },
};

export function physicalModels(tables: typeof TABLES = TABLES): Record<string, PhysicalModel> {
  const models: Record<string, PhysicalModel> = {};
  for (const [tableName, t] of Object.entries(tables)) {
    models[tableName] = { identity: tableName, tableName, primaryKey: t.primaryKey, definition: t.definition };
  }
  return models;
}

/** A fresh adapter with every table of `TABLES` defined in a `:memory:` database. */
export async function setup(): Promise<SqliteAdapter> {
  const adapter = createSqliteAdapter();
  await adapter.registerDatastore({ adapter: 'sqlite', identity: DS, filename: ':memory:' }, physicalModels());
  for (const [table, t] of Object.entries(TABLES)) await adapter.define(DS, table, t.definition);
  return adapter;
}

export function find(using: string, criteria: Partial<Stage3Criteria>, extra: Partial<Stage3Query> = {}): Stage3Query {
  return { method: 'find', using, criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], ...criteria }, ...extra };
}

export const fetch = { fetch: true } as const;

export async function insertUsers(adapter: SqliteAdapter, rows: RecordData[]): Promise<RecordData[]> {
  const base = { id: null, name: null, email: null, age: null, active: null, data: null, blob: null, best_pet: null };
  const created = await adapter.createEach(DS, {
    method: 'createEach',
    using: 'user',
    newRecords: rows.map((r) => ({ ...base, ...r })),
    meta: fetch,
  });
  return created ?? [];
}

/** Counts statements executed through better-sqlite3 (every Statement run/get/all/iterate call). */
export function countStatements(): { readonly count: number; restore(): void } {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<'run' | 'get' | 'all' | 'iterate', () => unknown>;
  probe.close();
  const spies = (['run', 'get', 'all', 'iterate'] as const).map((method) => vi.spyOn(proto, method));
  return {
    get count() {
      return spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
    },
    restore() {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

export function names(rows: readonly RecordData[] | undefined): unknown[] {
  return (rows ?? []).map((r) => r.name);
}
