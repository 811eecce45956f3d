/**
 * Counting the statements a datastore sends, through the datastore config hook
 * `onStatement: (sql) => void` that Mooring's SQL adapters call once per statement.
 */
import type { TestDatastore } from './datastores.js';

export interface StatementLog {
  /** The datastore to lift: the given one with `onStatement` set. */
  readonly datastore: TestDatastore;
  /** SQL of every statement since the last `reset()`. */
  readonly sql: string[];
  reset(): void;
}

export function logStatements(datastore: TestDatastore): StatementLog {
  const sql: string[] = [];
  return {
    datastore: { ...datastore, config: { ...datastore.config, onStatement: (text: string) => sql.push(text) } },
    sql,
    reset: () => void sql.splice(0),
  };
}

/** Runs `work` and returns how many statements it sent. */
export async function countStatements(log: StatementLog, work: () => PromiseLike<unknown>): Promise<number> {
  log.reset();
  await work();
  return log.sql.length;
}
