// The seed's model files (examples/seed), loaded as a Sails app would load them, plus the
// Post model for one-to-many. Both ORMs get the same definitions and the same app defaults.
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_DIR } from './settings.mjs';

const require = createRequire(import.meta.url);
const seed = (folder, file) => require(path.join(REPO_DIR, 'examples', 'seed', folder, 'api', 'models', file));

/** What a fresh Sails app's config/models.js declares. */
export const APP_DEFAULTS = Object.freeze({
  primaryKey: 'id',
  attributes: {
    id: { type: 'number', autoIncrement: true },
    createdAt: { type: 'number', autoCreatedAt: true },
    updatedAt: { type: 'number', autoUpdatedAt: true },
  },
});

const POST = { attributes: { title: { type: 'string' }, author: { model: 'user' } } };

/**
 * One ORM's models: `p1` (collection pattern, with posts), `p2` (manual-sync pattern) or `ins`
 * (collection pattern, the insert workload's tables). Identities stay `user`/`pet` as in the
 * seed; only the table names carry the contestant prefix and the pattern.
 */
export function modelsFor(set, prefix) {
  const folder = set === 'p2' ? 'manual-sync-pattern' : 'collection-pattern';
  const user = seed(folder, 'User.js');
  const pet = seed(folder, 'Pet.js');
  const models = {
    user: { tableName: `${prefix}${set}_user`, ...user },
    pet: { tableName: `${prefix}${set}_pet`, ...pet },
  };
  if (set === 'p1') {
    models.user = { ...models.user, attributes: { ...user.attributes, posts: { collection: 'post', via: 'author' } } };
    models.post = { tableName: `${prefix}post`, ...POST };
  }
  return models;
}

/**
 * A definition as sails-hook-orm hands it to Waterline 0.15: app defaults merged in, and the
 * migration-only properties (`unique`, `autoIncrement`) moved under `autoMigrations`.
 */
export function forWaterline(def) {
  const attributes = {};
  for (const [name, attr] of Object.entries({ ...APP_DEFAULTS.attributes, ...def.attributes })) {
    const { unique, autoIncrement, ...rest } = attr;
    if (rest.collection) {
      attributes[name] = rest;
      continue;
    }
    const autoMigrations = {};
    if (unique !== undefined) autoMigrations.unique = unique;
    if (autoIncrement !== undefined) autoMigrations.autoIncrement = autoIncrement;
    attributes[name] = { ...rest, autoMigrations };
  }
  return { primaryKey: APP_DEFAULTS.primaryKey, ...def, attributes };
}
