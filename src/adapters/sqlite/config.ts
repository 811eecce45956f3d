/** Datastore configuration → an open better-sqlite3 database, with errors that say what to fix. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigurationError } from '../../errors/definition-error.js';
import type { DatastoreConfig } from '../adapter.js';

export const DEFAULT_FILENAME = './mooring.sqlite';

/**
 * `url` (`sqlite:<path>`, `sqlite://<path>`, `sqlite::memory:`) wins over `filename`;
 * neither → `./mooring.sqlite`.
 */
export function sqliteFilename(config: DatastoreConfig & { identity: string }): string {
  if (typeof config.url === 'string' && config.url !== '') {
    const match = /^sqlite:(?:\/\/)?(.+)$/.exec(config.url);
    if (!match?.[1]) {
      throw new ConfigurationError(
        'E_INVALID_DATASTORE',
        `Datastore \`${config.identity}\`: \`url\` must look like \`sqlite:<path>\` or \`sqlite::memory:\`, got \`${config.url}\`.`,
      );
    }
    return match[1];
  }
  if (config.filename === undefined) return DEFAULT_FILENAME;
  if (typeof config.filename !== 'string' || config.filename === '') {
    throw new ConfigurationError(
      'E_INVALID_DATASTORE',
      `Datastore \`${config.identity}\`: \`filename\` must be a path or ':memory:'.`,
    );
  }
  return config.filename;
}

export function openDatabase(datastore: string, filename: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(filename);
    // Opening is lazy about the file's contents; read the schema now so a non-database fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (cause) {
    db?.close();
    const where = filename === ':memory:' ? filename : path.resolve(filename);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigurationError(
      'E_DATASTORE_UNREACHABLE',
      `Datastore \`${datastore}\`: cannot open the SQLite database file \`${where}\` (${reason}). ` +
        `Make sure its directory \`${path.dirname(where)}\` exists and is writable and the file, if present, ` +
        "is a readable SQLite database; or point the datastore's `filename` (or `url: 'sqlite:<path>'`) elsewhere, " +
        "e.g. `':memory:'` for a throwaway database.",
      { cause },
    );
  }
}
