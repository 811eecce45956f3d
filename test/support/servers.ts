/**
 * Finds the database servers the behaviour suite runs against. Connection URLs come from env
 * vars and default to the local servers. A server that cannot be reached is skipped with one
 * line saying how to enable it — except under CI=true, where it fails the run.
 */
import pg from 'pg';
import mysql from 'mysql2/promise';

export interface ServerTarget {
  name: 'postgresql' | 'mysql';
  envVar: string;
  url: string;
}

// Without an explicit URL each run gets its own database (dropped afterwards), so two runs
// on one machine never drop each other's tables.
const RUN_DATABASE = `mooring_test_${process.pid}`;

export const SERVER_TARGETS: ServerTarget[] = [
  {
    name: 'postgresql',
    envVar: 'MOORING_TEST_POSTGRES_URL',
    url: process.env.MOORING_TEST_POSTGRES_URL ?? `postgres://postgres@127.0.0.1:5432/${RUN_DATABASE}`,
  },
  {
    name: 'mysql',
    envVar: 'MOORING_TEST_MYSQL_URL',
    url: process.env.MOORING_TEST_MYSQL_URL ?? `mysql://root@127.0.0.1:3306/${RUN_DATABASE}`,
  },
];

/** Drops the per-run databases this run created (never a database named by an env var). */
export async function dropRunDatabases(available: Record<string, string>): Promise<void> {
  for (const target of SERVER_TARGETS) {
    if (process.env[target.envVar] !== undefined || !available[target.name]) continue;
    await withAdmin(target, async (run) => void await run(target.name === 'postgresql' ? `DROP DATABASE IF EXISTS "${RUN_DATABASE}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${RUN_DATABASE}\``)).catch(
      (err: unknown) => console.warn(`Could not drop the test database ${RUN_DATABASE}: ${String(err)}`),
    );
  }
}

/** Runs statements on the server's maintenance database. */
async function withAdmin(target: ServerTarget, work: (run: (sql: string, values?: unknown[]) => Promise<unknown[]>) => Promise<void>): Promise<void> {
  const admin = new URL(target.url);
  if (target.name === 'postgresql') {
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await work(async (sql, values) => (await client.query(sql, values)).rows);
    } finally {
      await client.end();
    }
    return;
  }
  admin.pathname = '/';
  const conn = await mysql.createConnection({ uri: admin.toString(), connectTimeout: 3000 });
  try {
    await work(async (sql, values) => (await conn.query(sql, values))[0] as unknown[]);
  } finally {
    await conn.end();
  }
}

/** Connects to the server's maintenance database and creates the test database if needed. */
async function ensureDatabase(target: ServerTarget): Promise<void> {
  const database = decodeURIComponent(new URL(target.url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`${target.envVar}: the database name must be letters, digits and underscores.`);
  await withAdmin(target, async (run) => {
    if (target.name === 'postgresql') {
      const found = await run('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.length === 0) await run(`CREATE DATABASE "${database}"`);
    } else {
      await run(`CREATE DATABASE IF NOT EXISTS \`${database}\``);
    }
  });
}

/** The reachable servers, by name → URL. */
export async function probeServers(log: (line: string) => void = console.log): Promise<Record<string, string>> {
  const available: Record<string, string> = {};
  for (const target of SERVER_TARGETS) {
    if (process.env[target.envVar] === 'off') {
      log(`${target.name} tests skipped: ${target.envVar}=off.`);
      continue;
    }
    try {
      await ensureDatabase(target);
      available[target.name] = target.url;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (process.env.CI === 'true') {
        throw new Error(`CI=true but the ${target.name} server at ${target.url} is unreachable (${reason}); start it, or set ${target.envVar}.`);
      }
      log(`${target.name} tests skipped: no server at ${target.url} (${reason}). Set ${target.envVar}=<connection URL> to enable them.`);
    }
  }
  return available;
}
