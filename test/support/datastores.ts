/**
 * The datastores every behaviour test runs on. SQLite always runs (in memory); server-backed
 * datastores are added by later adapters and selected by connection URLs in env vars.
 */
export interface TestDatastore {
  /** Label used in test names. */
  name: string;
  /** The datastore configuration handed to `initialize`. */
  config: Record<string, unknown>;
}

export const SQLITE: TestDatastore = { name: 'sqlite', config: { adapter: 'sqlite', filename: ':memory:' } };

export function testDatastores(): TestDatastore[] {
  return [SQLITE];
}
