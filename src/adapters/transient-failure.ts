/**
 * Is a failure worth retrying the whole transaction? Deadlocks and serialization failures are
 * how PostgreSQL and MySQL/MariaDB resolve concurrent writers: the loser is rolled back and may
 * simply run again. Adapters may mark such errors `transient: true`; otherwise the driver's
 * own code is recognised anywhere in the `raw`/`cause` chain (so `sails-*` adapters count too).
 */

/** PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected. */
const SQLSTATES = new Set(['40001', '40P01']);
/** MySQL/MariaDB: ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT; SQLite: another process holds the lock. */
const CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']);
const ERRNOS = new Set([1213, 1205]);

export function isTransientFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const e = current as { transient?: unknown; code?: unknown; errno?: unknown; raw?: unknown; cause?: unknown };
    if (e.transient === true) return true;
    if (typeof e.code === 'string' && (SQLSTATES.has(e.code) || CODES.has(e.code))) return true;
    if (typeof e.errno === 'number' && ERRNOS.has(e.errno)) return true;
    current = e.raw ?? e.cause;
  }
  return false;
}
