/**
 * Named (prepared) statements. pg parses a named statement once per connection and reuses it,
 * which saves PostgreSQL a parse and plan per query. Only the compiler's cached SQL carries a
 * `statementId` (a bounded set), so native SQL, DDL and transaction control stay unnamed.
 */
import type pg from 'pg';
import type { Compiled } from '../sql/dialect.js';

/**
 * A reused statement whose table changed underneath: "cached plan must not change result
 * type" (0A000), or a statement the server no longer knows (26000, e.g. after DEALLOCATE).
 */
const STALE_PLAN = new Set(['0A000', '26000']);

export class StatementNames {
  readonly enabled: boolean;
  /** Part of every name: a new generation makes every connection prepare afresh. */
  #generation = 0;

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  /** The name to send `c` under, or `undefined` to send it unnamed. */
  nameOf(c: Compiled): string | undefined {
    return this.enabled && c.statementId !== undefined ? `mooring_${this.#generation}_${c.statementId}` : undefined;
  }

  /** After Mooring's own DDL, or a stale plan: no connection may reuse a statement prepared before. */
  renew(): void {
    this.#generation += 1;
  }
}

export function isStalePlan(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && STALE_PLAN.has(code);
}

/**
 * Can a statement that just failed on `client` be sent again? Only outside an explicit
 * transaction: inside one, the failure has aborted it. pg's `_txStatus` is the last
 * ReadyForQuery status, from before or after the failed statement; 'I' (idle) either way
 * means the statement ran in its own implicit transaction.
 */
export function retryableOn(client: pg.PoolClient): boolean {
  return (client as { _txStatus?: unknown })._txStatus === 'I';
}
