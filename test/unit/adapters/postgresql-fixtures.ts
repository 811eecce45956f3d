/**
 * Shared setup for the PostgreSQL adapter tests, against the real server the global setup
 * found (`inject('servers').postgresql`). Each test file passes its own table prefix, so
 * files never share tables; `cleanup` drops them again.
 */
import pg from 'pg';
import { inject, vi } from 'vitest';
import type { PhysicalModel, TableDefinition } from '../../../src/adapters/adapter.js';
import { createPostgresqlAdapter, type PostgresqlAdapter } from '../../../src/adapters/postgresql/index.js';
import type { RecordData, Stage3Criteria, Stage3Query } from '../../../src/query/shapes.js';

export const DS = 'pgtest';

/** The server URL, or `undefined` when no server is reachable (the global setup printed why). */
export const SERVER_URL: string | undefined = inject('servers')?.postgresql;

export interface Tables {
  user: string;
  pet: string;
  tag: string;
  junction: string;
}

export function tableNames(prefix: string): Tables {
  return { user: `${prefix}_user`, pet: `${prefix}_pet`, tag: `${prefix}_tag`, junction: `${prefix}_tag_users__user_tags` };
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
        blob: { columnType: 'bytea' },
        seen: { columnType: '_numbertimestamp' },
        best_pet: { columnType: '_numberkey' },
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
      definition: { code: { columnType: '_stringkey', primaryKey: true }, label: { columnType: '_string' } },
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

function physicalModels(t: Tables): Record<string, PhysicalModel> {
  const models: Record<string, PhysicalModel> = {};
  for (const [tableName, d] of Object.entries(definitions(t))) {
    models[tableName] = { identity: tableName, tableName, primaryKey: d.primaryKey, definition: d.definition };
  }
  return models;
}

/** A registered adapter; with `define`, every table of `t` (re)created empty. */
export async function setup(t: Tables, options: { define?: boolean; config?: Record<string, unknown> } = {}): Promise<PostgresqlAdapter> {
  const adapter = createPostgresqlAdapter();
  await adapter.registerDatastore({ adapter: 'postgresql', identity: DS, url: SERVER_URL, ...options.config }, physicalModels(t));
  if (options.define !== false) {
    for (const [table, d] of Object.entries(definitions(t))) {
      await adapter.drop(DS, table);
      await adapter.define(DS, table, d.definition);
    }
  }
  return adapter;
}

/** Drops `tables` and closes the adapter's pool. */
export async function cleanup(adapter: PostgresqlAdapter | undefined, tables: readonly string[]): Promise<void> {
  if (!adapter) return;
  for (const table of tables) await adapter.drop(DS, table);
  await adapter.teardown(null);
}

export function find(using: string, criteria: Partial<Stage3Criteria>, extra: Partial<Stage3Query> = {}): Stage3Query {
  return { method: 'find', using, criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], ...criteria }, ...extra };
}

export const fetch = { fetch: true } as const;

export const USER_BASE = { id: null, name: null, email: null, age: null, active: null, data: null, blob: null, seen: null, best_pet: null };

export async function insertUsers(adapter: PostgresqlAdapter, table: string, rows: RecordData[]): Promise<RecordData[]> {
  const created = await adapter.createEach(DS, { method: 'createEach', using: table, newRecords: rows.map((r) => ({ ...USER_BASE, ...r })), meta: fetch });
  return created ?? [];
}

/** Counts statements sent through pg (every `Client#query`, which pool queries go through too). */
export function countStatements(): { readonly count: number; readonly texts: string[]; restore(): void } {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  return {
    get count() {
      return spy.mock.calls.length;
    },
    get texts() {
      return spy.mock.calls.map(([first]) => (typeof first === 'string' ? first : String((first as { text?: unknown }).text)));
    },
    restore() {
      spy.mockRestore();
    },
  };
}

export function names(rows: readonly RecordData[] | undefined): unknown[] {
  return (rows ?? []).map((r) => r.name);
}
