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

export const SERVER_TARGETS: ServerTarget[] = [
  {
    name: 'postgresql',
    envVar: 'MOORING_TEST_POSTGRES_URL',
    url: process.env.MOORING_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/mooring_test',
  },
  {
    name: 'mysql',
    envVar: 'MOORING_TEST_MYSQL_URL',
    url: process.env.MOORING_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mooring_test',
  },
];

/** Connects to the server's maintenance database and creates the test database if needed. */
async function ensureDatabase(target: ServerTarget): Promise<void> {
  const url = new URL(target.url);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`${target.envVar}: the database name must be letters, digits and underscores.`);
  if (target.name === 'postgresql') {
    const admin = new URL(target.url);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    } finally {
      await client.end();
    }
    return;
  }
  const admin = new URL(target.url);
  admin.pathname = '/';
  const conn = await mysql.createConnection({ uri: admin.toString(), connectTimeout: 3000 });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\``);
  } finally {
    await conn.end();
  }
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
