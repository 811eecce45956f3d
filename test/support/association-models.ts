/**
 * One app with every association kind, for the association-write suites:
 * - `user.pets` ↔ `pet.owner`: one-to-many (optional fk)
 * - `user.likes` ↔ `pet.fans`: many-to-many (generated junction `pet_fans__user_likes`)
 * - `user.bookmarks`: via-less plural (junction `pet_bookmarks_pet__user_bookmarks`)
 * - `user.adopted` ↔ `pet.adopters`: through `adoption`
 * - `user.collars` ↔ `collar.wearer`: one-to-many with a REQUIRED fk
 * - `user.companion` ↔ `pet.keeper`: has-one (`pet.keeper` unique)
 * - `user.badge` ↔ `badge.holder`: has-one with a required, unique fk
 */
import type { LiveModel } from '../../dist/index.js';
import type { TestDatastore } from './datastores.js';
import { lift, type Lifted } from './lift.js';

export const ASSOCIATION_MODELS: Record<string, Record<string, unknown>> = {
  user: {
    attributes: {
      name: { type: 'string' },
      pets: { collection: 'pet', via: 'owner' },
      likes: { collection: 'pet', via: 'fans' },
      bookmarks: { collection: 'pet' },
      adopted: { collection: 'pet', via: 'adopter', through: 'adoption' },
      collars: { collection: 'collar', via: 'wearer' },
      companion: { model: 'pet', via: 'keeper' },
      badge: { model: 'badge', via: 'holder' },
    },
  },
  pet: {
    attributes: {
      name: { type: 'string' },
      owner: { model: 'user' },
      fans: { collection: 'user', via: 'likes' },
      adopters: { collection: 'user', via: 'pet', through: 'adoption' },
      keeper: { model: 'user', unique: true },
    },
  },
  adoption: {
    attributes: {
      adopter: { model: 'user' },
      pet: { model: 'pet' },
      note: { type: 'string', defaultsTo: 'none' },
    },
  },
  collar: { attributes: { color: { type: 'string' }, wearer: { model: 'user', required: true } } },
  badge: { attributes: { label: { type: 'string' }, holder: { model: 'user', required: true, unique: true } } },
};

export const LIKES_JUNCTION = 'pet_fans__user_likes';
export const BOOKMARKS_JUNCTION = 'pet_bookmarks_pet__user_bookmarks';

/**
 * `lift` plus empty junction tables: generated junction models don't inherit the models'
 * `migrate: 'drop'`, so on a server database they would keep the previous test's rows.
 */
export async function liftAssociations(
  datastore: TestDatastore,
  definitions: Record<string, Record<string, unknown>> = ASSOCIATION_MODELS,
  options: Parameters<typeof lift>[2] = {},
): Promise<Lifted> {
  const orm = await lift(datastore, definitions, options);
  for (const junction of [LIKES_JUNCTION, BOOKMARKS_JUNCTION]) await orm.models[junction]?.destroy({});
  return orm;
}

/** Every table's rows (sorted by pk, timestamps included): equal snapshots mean nothing changed. */
export async function snapshot(models: Record<string, LiveModel>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const identity of Object.keys(models).sort()) {
    if (identity === 'archive') continue;
    const model = models[identity]!;
    out[identity] = await model.find().sort(`${model.primaryKey} ASC`);
  }
  return out;
}

/** The ids of a populated plural, sorted. */
export function idsOf(records: unknown): number[] {
  return ((records as Array<{ id: number }> | undefined) ?? []).map((r) => r.id).sort((a, b) => a - b);
}

/**
 * A populated has-one as one record or `null`. Tolerates the array shape (0..1 items) in case
 * the has-one read side returns one, so these write tests check the data, not the read shape.
 */
export function oneOf(value: unknown): { id: number } | null {
  if (Array.isArray(value)) return (value[0] as { id: number } | undefined) ?? null;
  return (value as { id: number } | null | undefined) ?? null;
}
