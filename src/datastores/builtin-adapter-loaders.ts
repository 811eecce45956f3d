/**
 * Built-in adapters by the name a datastore's `adapter` setting uses, each loaded on first
 * use: a driver costs memory at import (mysql2 alone about 6.5 MB), and an app uses one or two.
 */
import type { Adapter } from '../adapters/adapter.js';

const sqlite = async (): Promise<Adapter> => (await import('../adapters/sqlite/index.js')).createSqliteAdapter();
const postgresql = async (): Promise<Adapter> => (await import('../adapters/postgresql/index.js')).createPostgresqlAdapter();
const mysql = async (): Promise<Adapter> => (await import('../adapters/mysql/index.js')).createMysqlAdapter();

export const BUILTIN_ADAPTER_LOADERS: Readonly<Record<string, () => Promise<Adapter>>> = {
  sqlite,
  postgresql,
  postgres: postgresql,
  mysql,
  mariadb: mysql,
};

/** Used when `initialize` is given no datastores at all: an embedded database file in the working directory. */
export const DEFAULT_DATASTORE = { adapter: 'sqlite', filename: 'mooring.sqlite' } as const;
