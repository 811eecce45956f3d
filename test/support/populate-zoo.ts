/**
 * One app with every association kind, for the populate (read side) suites:
 * - `user.pets` ↔ `pet.owner`: one-to-many; `user.patients` ↔ `pet.vet`: a second one to the same models
 * - `user.likes` ↔ `pet.fans`: many-to-many (junction `pet_fans__user_likes`)
 * - `user.bookmarks`: via-less (junction `pet_bookmarks_pet__user_bookmarks`)
 * - `user.adopted` ↔ `pet.adopters`: through `adoption` (extra column `note`)
 * - `user.companion` ↔ `pet.keeper`: has-one (`pet.keeper` unique)
 * - `user.friends` ↔ `user.friendOf`: reflexive many-to-many (junction `user_friendOf__user_friends`)
 * - `user.mentor` ↔ `user.mentees`: reflexive singular / one-to-many
 * - `pet.toys` ↔ `toy.pet`, `toy.maker` ↔ `maker.toys`: the deeper levels for nested populates
 */
import type { LiveModel } from '../../dist/index.js';
import type { TestDatastore } from './datastores.js';
import { lift, type Lifted } from './lift.js';

export const ZOO: Record<string, Record<string, unknown>> = {
  user: {
    attributes: {
      name: { type: 'string' },
      pets: { collection: 'pet', via: 'owner' },
      patients: { collection: 'pet', via: 'vet' },
      likes: { collection: 'pet', via: 'fans' },
      bookmarks: { collection: 'pet' },
      adopted: { collection: 'pet', via: 'adopter', through: 'adoption' },
      companion: { model: 'pet', via: 'keeper' },
      friends: { collection: 'user', via: 'friendOf' },
      friendOf: { collection: 'user', via: 'friends' },
      mentor: { model: 'user' },
      mentees: { collection: 'user', via: 'mentor' },
    },
  },
  pet: {
    attributes: {
      name: { type: 'string' },
      legs: { type: 'number' },
      owner: { model: 'user' },
      vet: { model: 'user' },
      keeper: { model: 'user', unique: true },
      fans: { collection: 'user', via: 'likes' },
      adopters: { collection: 'user', via: 'pet', through: 'adoption' },
      toys: { collection: 'toy', via: 'pet' },
    },
  },
  adoption: { attributes: { adopter: { model: 'user' }, pet: { model: 'pet' }, note: { type: 'string' } } },
  toy: { attributes: { name: { type: 'string' }, pet: { model: 'pet' }, maker: { model: 'maker' } } },
  maker: { attributes: { name: { type: 'string' }, toys: { collection: 'toy', via: 'maker' } } },
};

export const LIKES = 'pet_fans__user_likes';
export const BOOKMARKS = 'pet_bookmarks_pet__user_bookmarks';
export const FRIENDS = 'user_friendof__user_friends';

export type Ids = Record<string, number>;

export interface Zoo extends Lifted {
  /** Primary keys by name (users, pets, toys and makers have distinct names). */
  ids: Ids;
  model(identity: string): LiveModel;
}

/**
 * Lifts ZOO and stores:
 * users ann, bob (mentor ann), cy (mentor ann), dee (mentor bob);
 * pets rex (owner ann, keeper ann, vet bob, 4 legs), tom (owner ann, vet bob, 4), kit (owner bob,
 * keeper bob, vet ann, 3), zed (no one, 2); toys ball (rex, acme), bone (rex), rope (tom, acme),
 * mouse (kit, zing); likes ann→rex, ann→kit, bob→rex, cy→zed; bookmarks ann→tom, ann→zed,
 * dee→rex; adoptions ann→kit (twice), bob→zed; friends ann→bob, ann→cy, bob→cy.
 */
export async function liftZoo(datastore: TestDatastore, options: { adapters?: Record<string, unknown> } = {}): Promise<Zoo> {
  const lifted = await lift(datastore, ZOO, options);
  const model = (identity: string): LiveModel => {
    const found = lifted.models[identity];
    if (!found) throw new Error(`no model ${identity}`);
    return found;
  };
  const ids: Ids = {};
  const remember = (records: unknown): void => {
    for (const r of records as { id: number; name: string }[]) ids[r.name] = r.id;
  };
  remember([await model('user').create({ name: 'ann' }).fetch()]);
  remember(await model('user').createEach([{ name: 'bob', mentor: ids.ann }, { name: 'cy', mentor: ids.ann }]).fetch());
  remember([await model('user').create({ name: 'dee', mentor: ids.bob }).fetch()]);
  const id = (name: string): number => ids[name] as number;
  remember(
    await model('pet')
      .createEach([
        { name: 'rex', legs: 4, owner: id('ann'), keeper: id('ann'), vet: id('bob') },
        { name: 'tom', legs: 4, owner: id('ann'), vet: id('bob') },
        { name: 'kit', legs: 3, owner: id('bob'), keeper: id('bob'), vet: id('ann') },
        { name: 'zed', legs: 2 },
      ])
      .fetch(),
  );
  remember(await model('maker').createEach([{ name: 'acme' }, { name: 'zing' }]).fetch());
  remember(
    await model('toy')
      .createEach([
        { name: 'ball', pet: id('rex'), maker: id('acme') },
        { name: 'bone', pet: id('rex') },
        { name: 'rope', pet: id('tom'), maker: id('acme') },
        { name: 'mouse', pet: id('kit'), maker: id('zing') },
      ])
      .fetch(),
  );
  // Junction rows written directly, under Waterline's table and column names.
  const pairs = (list: [string, string][], left: string, right: string) => list.map(([a, b]) => ({ [left]: id(a), [right]: id(b) }));
  await model(LIKES).createEach(pairs([['ann', 'rex'], ['ann', 'kit'], ['bob', 'rex'], ['cy', 'zed']], 'user_likes', 'pet_fans'));
  await model(BOOKMARKS).createEach(pairs([['ann', 'tom'], ['ann', 'zed'], ['dee', 'rex']], 'user_bookmarks', 'pet_bookmarks_pet'));
  await model(FRIENDS).createEach(pairs([['ann', 'bob'], ['ann', 'cy'], ['bob', 'cy']], 'user_friends', 'user_friendOf'));
  await model('adoption').createEach([
    { adopter: id('ann'), pet: id('kit'), note: 'first' },
    { adopter: id('ann'), pet: id('kit'), note: 'again' },
    { adopter: id('bob'), pet: id('zed'), note: 'only' },
  ]);
  return { ...lifted, ids, model };
}

/** Names of records (or of a populated array), for compact expectations. */
export function names(records: unknown): unknown[] {
  return ((records as { name?: unknown }[] | undefined) ?? []).map((r) => r.name);
}

/** `{name: [child names]}` for one populated alias of every record. */
export function byName(records: unknown, alias: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of records as Record<string, unknown>[]) {
    const value = r[alias];
    out[String(r.name)] = Array.isArray(value) ? names(value) : value === null ? null : (value as { name?: unknown }).name;
  }
  return out;
}
