/**
 * The datastores every behaviour test runs on: SQLite (in memory) always, plus each database
 * server that the global setup found reachable (see servers.ts for the env vars).
 */
import { inject } from 'vitest';

export interface TestDatastore {
  /** Label used in test names. */
  name: string;
  /** The datastore configuration handed to `initialize`. */
  config: Record<string, unknown>;
}

export const SQLITE: TestDatastore = { name: 'sqlite', config: { adapter: 'sqlite', filename: ':memory:' } };

/** Server adapters Mooring ships; a reachable server whose adapter is listed here joins every behaviour test. */
const SERVER_ADAPTERS: readonly string[] = ['postgresql', 'mysql'];

export function testDatastores(): TestDatastore[] {
  const servers = inject('servers') ?? {};
  const list = [SQLITE];
  for (const [name, url] of Object.entries(servers)) {
    if (SERVER_ADAPTERS.includes(name)) list.push({ name, config: { adapter: name, url } });
  }
  return list;
}

/** Only the server-backed datastores (for tests that need a real server). */
export function serverDatastores(): TestDatastore[] {
  return testDatastores().filter((d) => d !== SQLITE);
}
