/**
 * The datastore config `onStatement: (sql) => void`, shared by Mooring's SQL adapters: called
 * once per statement just before it is sent (logging, counting round trips in tests).
 */
import { ConfigurationError } from '../../errors/definition-error.js';
import type { DatastoreConfig } from '../adapter.js';

export type StatementHook = (sql: string) => void;

export function statementHook(config: DatastoreConfig & { identity: string }): StatementHook | undefined {
  const hook: unknown = config.onStatement;
  if (hook === undefined) return undefined;
  if (typeof hook !== 'function') {
    throw new ConfigurationError('E_INVALID_DATASTORE', `Datastore \`${config.identity}\`: \`onStatement\` must be a function \`(sql) => void\`.`);
  }
  return hook as StatementHook;
}
