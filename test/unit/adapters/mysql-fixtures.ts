/**
 * Shared setup for the MySQL adapter tests, against the real server found by the global setup
 * (`inject('servers').mysql`). Each test file passes its own table-name prefix (`myt_…`), so
 * files never share tables; every table is dropped again after each test.
 */
import mysql from 'mysql2/promise';
import { inject, vi } from 'vitest';
import type { PhysicalModel, TableDefinition } from '../../../src/adapters/adapter.js';
import { createMysqlAdapter, type MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import type { RecordData, Stage3Criteria, Stage3Query } from '../../../src/query/shapes.js';

export const DS = 'test';

/** The test server's URL, or `undefined` when none is reachable (the suite is then skipped). */
export const MYSQL_URL: string | undefined = (inject('servers') ?? {}).mysql;

export interface Tables {
  user: string;
  pet: string;
  tag: string;
  junction: string;
}

export function tableNames(prefix: string): Tables {
  return { user: `${prefix}user`, pet: `${prefix}pet`, tag: `${prefix}tag`, junction: `${prefix}tag_users__user_tags` };
}

export function definitions(t: Tables): Record<string, { primaryKey: string; definition: TableDefinition }> {
  return {
    [t.user]: {
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
        stamp: { columnType: '_numbertimestamp' },
      },
    },
    [t.pet]: {
      primaryKey: 'id',
      definition: {
        id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true },
        name: { columnType: '_string' },
        owner: { columnType: '_numberkey' },
        legs: { columnType: '_number' },
      },
    },
    [t.tag]: {
      primaryKey: 'code',
      definition: {
        code: { columnType: '_stringkey', primaryKey: true },
        label: { columnType: '_string' },
      },
    },
    [t.junction]: {
      primaryKey: 'id',
      definition: {
        id: { columnType: 'integer', autoIncrement: true, primaryKey: true },
        tag_users: { columnType: '_stringkey' },
        user_tags: { columnType: '_numberkey' },
      },
    },
  };
}

export function physicalModels(tables: ReturnType<typeof definitions>): Record<string, PhysicalModel> {
  const models: Record<string, PhysicalModel> = {};
  for (const [tableName, t] of Object.entries(tables)) {
    models[tableName] = { identity: tableName, tableName, primaryKey: t.primaryKey, definition: t.definition };
  }
  return models;
}

/** A registered adapter (config extras merged in), no tables touched. */
export async function open(extra: Record<string, unknown> = {}, models: Record<string, PhysicalModel> = {}): Promise<MysqlAdapter> {
  const adapter = createMysqlAdapter();
  await adapter.registerDatastore({ adapter: 'mysql', identity: DS, url: MYSQL_URL, ...extra }, models);
  return adapter;
}

/** A fresh adapter with every fixture table (re)defined under `prefix`. */
export async function setup(prefix: string, extra: Record<string, unknown> = {}): Promise<MysqlAdapter> {
  const tables = definitions(tableNames(prefix));
  const adapter = await open(extra, physicalModels(tables));
  for (const [table, t] of Object.entries(tables)) {
    await adapter.drop(DS, table);
    await adapter.define(DS, table, t.definition);
  }
  return adapter;
}

/** Drops every table starting with `prefix` and closes the adapter. */
export async function cleanup(adapter: MysqlAdapter | undefined, prefix: string): Promise<void> {
  if (!adapter) return;
  const found = await adapter.sendNativeQuery(DS, 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE ?', [
    `${prefix.replaceAll('_', '\\_')}%`,
  ]);
  for (const row of 'rows' in found ? found.rows : []) await adapter.drop(DS, String(row.name));
  await adapter.teardown(null);
}

export function find(using: string, criteria: Partial<Stage3Criteria>, extra: Partial<Stage3Query> = {}): Stage3Query {
  return { method: 'find', using, criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], ...criteria }, ...extra };
}

export const fetch = { fetch: true } as const;

export const BLANK_USER = { id: null, name: null, email: null, age: null, active: null, data: null, blob: null, best_pet: null, stamp: null };

export async function insertUsers(adapter: MysqlAdapter, table: string, rows: RecordData[]): Promise<RecordData[]> {
  const created = await adapter.createEach(DS, { method: 'createEach', using: table, newRecords: rows.map((r) => ({ ...BLANK_USER, ...r })), meta: fetch });
  return created ?? [];
}

/** Counts statements sent through mysql2's promise pool and connections (`query` and `execute`). */
export function countStatements(): { readonly count: number; restore(): void } {
  // Exported at runtime, missing from the typings.
  const classes = mysql as unknown as Record<'PromisePool' | 'PromiseConnection', { prototype: Record<'query' | 'execute', () => unknown> }>;
  const targets = [classes.PromisePool.prototype, classes.PromiseConnection.prototype];
  const spies = targets.flatMap((proto) => [vi.spyOn(proto, 'query'), vi.spyOn(proto, 'execute')]);
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
