/** SQLite driver errors → Waterline footprints (datastores-and-adapters.md §4). */
import type { Footprint } from '../../errors/adapter-error.js';

const UNIQUE = /UNIQUE constraint failed: (.+)$/;
const NO_SUCH_TABLE = /^no such table: /;

export function sqliteFootprint(error: unknown, table?: string): Footprint {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { identity: 'notUnique', keys: uniqueColumns(message, table) };
  }
  if (code === 'SQLITE_ERROR' && NO_SUCH_TABLE.test(message)) return { identity: 'noSuchPhysicalModel' };
  return { identity: 'catchall' };
}

/** `UNIQUE constraint failed: user.email, user.team` → `['email', 'team']`. */
function uniqueColumns(message: string, table: string | undefined): string[] {
  const list = UNIQUE.exec(message)?.[1];
  if (!list) return [];
  return list.split(', ').map((qualified) => {
    if (table !== undefined && qualified.startsWith(`${table}.`)) return qualified.slice(table.length + 1);
    const dot = qualified.indexOf('.');
    return dot === -1 ? qualified : qualified.slice(dot + 1);
  });
}
