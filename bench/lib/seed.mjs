// Creates and fills every contestant's tables before the rounds start (untimed).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { INSERT_TABLES, seedRows, TABLES } from './data.mjs';

const PG_TYPES = { key: 'SERIAL PRIMARY KEY', ts: 'BIGINT', text: 'TEXT', real: 'REAL', fk: 'INTEGER', fkUnique: 'INTEGER UNIQUE' };
const PG_ARRAY = { ts: 'bigint[]', text: 'text[]', real: 'real[]', fk: 'integer[]', fkUnique: 'integer[]' };
// The DDL Mooring's SQLite migration would write for these attributes.
const SQLITE_TYPES = { key: 'INTEGER PRIMARY KEY AUTOINCREMENT', ts: 'INTEGER', text: 'TEXT', real: 'REAL', fk: 'INTEGER', fkUnique: 'INTEGER UNIQUE' };

const q = (name) => `"${name}"`;

/**
 * Connects to the server's `postgres` database, creates the bench database if missing and
 * returns a client on it. Throws a one-line Error when the server cannot be reached.
 */
export async function connectPg(url) {
  const admin = new URL(url);
  const database = decodeURIComponent(admin.pathname.slice(1));
  if (!/^\w+$/.test(database)) throw new Error(`the database name in ${url} must be letters, digits and underscores`);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await adminClient.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is unreachable at ${admin.host} (${err.message || err.code || err}); start it or set MOORING_BENCH_PG_URL`);
  }
  try {
    const found = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await adminClient.query(`CREATE DATABASE ${q(database)}`);
  } finally {
    await adminClient.end();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Drops and recreates the tables of one prefix, then fills them through `unnest` (one statement per table). */
export async function seedPg(client, prefix, sizes) {
  for (const [suffix, columns] of Object.entries(TABLES)) {
    const table = q(prefix + suffix);
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (${columns.map(([name, kind]) => `${q(name)} ${PG_TYPES[kind]}`).join(', ')})`);
    const rows = seedRows(suffix, sizes);
    if (rows.length === 0) continue;
    const data = columns.slice(1);
    const arrays = data.map((_, c) => rows.map((row) => row[c]));
    const unnest = data.map(([, kind], c) => `$${c + 1}::${PG_ARRAY[kind]}`).join(', ');
    await client.query(`INSERT INTO ${table} (${data.map(([name]) => q(name)).join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
  }
  // Hint bits and statistics now, so no contestant's first read pays for them.
  await client.query(`VACUUM ANALYZE ${Object.keys(TABLES).map((t) => q(prefix + t)).join(', ')}`);
}

/**
 * Before each contestant: empties its insert-workload tables (ids restart), then flushes the
 * previous contestant's writes so the server starts every contestant equally idle.
 */
export async function settlePg(client, prefix) {
  await client.query(`TRUNCATE ${INSERT_TABLES.map((t) => q(prefix + t)).join(', ')} RESTART IDENTITY`);
  try {
    await client.query('CHECKPOINT');
  } catch {
    // Needs superuser or pg_checkpoint; without it the rounds' alternation still spreads the effect.
  }
}

/** A fresh SQLite file holding the pattern-1 tables, shared read-only by the SQLite contestants. */
export function seedSqlite(file, sizes) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
  const db = new Database(file);
  try {
    db.transaction(() => {
      for (const suffix of ['p1_user', 'p1_pet']) {
        const columns = TABLES[suffix];
        db.exec(`CREATE TABLE ${q(suffix)} (${columns.map(([name, kind]) => `${q(name)} ${SQLITE_TYPES[kind]}`).join(', ')})`);
        const data = columns.slice(1);
        const insert = db.prepare(`INSERT INTO ${q(suffix)} (${data.map(([name]) => q(name)).join(', ')}) VALUES (${data.map(() => '?').join(', ')})`);
        for (const row of seedRows(suffix, sizes)) insert.run(row);
      }
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}
