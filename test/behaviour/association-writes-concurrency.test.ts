/**
 * Association writes under concurrent writers: 8 async writers on one ORM (on PostgreSQL and
 * MariaDB these are real concurrent transactions on pooled connections). The has-one must keep
 * both sides agreeing; many-to-many links must never be duplicated, from either side.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { LIKES_JUNCTION, idsOf, oneOf } from '../support/association-models.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

const WRITERS = 8;
const OPS_PER_WRITER = 400;
const USERS = 20;
const PETS = 15;

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

for (const datastore of testDatastores()) {
  describe(`association writes under ${WRITERS} concurrent writers on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let Pet: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        user: { attributes: { name: { type: 'string' }, companion: { model: 'pet', via: 'keeper' }, likes: { collection: 'pet', via: 'fans' } } },
        pet: { attributes: { name: { type: 'string' }, keeper: { model: 'user', unique: true }, fans: { collection: 'user', via: 'likes' } } },
      });
      User = orm.models.user!;
      Pet = orm.models.pet!;
      // Generated junctions don't inherit `migrate: 'drop'`; start from no links.
      await orm.models[LIKES_JUNCTION]!.destroy({});
    });
    afterEach(() => orm.teardown());

    it('keeps every pet with at most one user and both sides in agreement', { timeout: 300_000 }, async () => {
      const users = (await User.createEach(Array.from({ length: USERS }, (_, i) => ({ name: `u${i}` }))).fetch()).map((u) => u.id as number);
      const pets = (await Pet.createEach(Array.from({ length: PETS }, (_, i) => ({ name: `p${i}` }))).fetch()).map((p) => p.id as number);
      const failures: Record<string, number> = {};
      const started = performance.now();

      const writer = async (w: number): Promise<void> => {
        const next = random(1000 + w);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
        for (let i = 0; i < OPS_PER_WRITER; i += 1) {
          const user = pick(users);
          const pet = next() < 0.15 ? null : pick(pets);
          const roll = next();
          const op =
            roll < 0.6
              ? User.updateOne({ id: user }, { companion: pet })
              : roll < 0.9
                ? User.update({ id: user }, { companion: pet })
                : User.update({ id: { in: [user, pick(users)] } }, { companion: null });
          await Promise.resolve(op).catch((err: { code?: string; name?: string; message?: string }) => {
            const key = err.code ?? err.name ?? 'unknown';
            failures[key] = (failures[key] ?? 0) + 1;
            if (failures[key] === 1) console.log(`[${datastore.name}] first ${key}: ${err.message ?? String(err)}`);
          });
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      const ms = Math.round(performance.now() - started);

      const userSide = await User.find().populate('companion');
      const petSide = await Pet.find().populate('keeper');
      const violations: string[] = [];
      const keeperOf = new Map<number, number>();
      for (const pet of petSide) {
        const keeper = oneOf(pet.keeper);
        if (keeper === null) continue;
        if (keeperOf.has(keeper.id)) violations.push(`user ${keeper.id} keeps pets ${keeperOf.get(keeper.id)} and ${pet.id as number}`);
        keeperOf.set(keeper.id, pet.id as number);
      }
      for (const user of userSide) {
        const companion = oneOf(user.companion);
        const expected = keeperOf.get(user.id as number) ?? null;
        if ((companion?.id ?? null) !== expected) violations.push(`user ${user.id as number}: companion ${companion?.id ?? null}, pet side says ${expected}`);
        if (companion && (companion as { keeper?: unknown }).keeper !== user.id) violations.push(`user ${user.id as number}: companion's fk is ${String((companion as { keeper?: unknown }).keeper)}`);
      }
      const ops = WRITERS * OPS_PER_WRITER;
      console.log(`[${datastore.name}] has-one: ${ops} ops by ${WRITERS} writers in ${ms} ms; failures ${JSON.stringify(failures)}; violations ${violations.length}; pets kept ${keeperOf.size}/${PETS}`);
      expect(violations).toEqual([]);
      expect(failures).toEqual({});
      expect(await Pet.count()).toBe(PETS);
      expect(await User.count()).toBe(USERS);
    });

    it('never duplicates a many-to-many link, whichever side adds it', { timeout: 300_000 }, async () => {
      const users = (await User.createEach(Array.from({ length: 6 }, (_, i) => ({ name: `u${i}` }))).fetch()).map((u) => u.id as number);
      const pets = (await Pet.createEach(Array.from({ length: 6 }, (_, i) => ({ name: `p${i}` }))).fetch()).map((p) => p.id as number);
      const failures: Record<string, number> = {};
      const started = performance.now();
      const writer = async (w: number): Promise<void> => {
        const next = random(2000 + w);
        const some = (list: readonly number[]): number[] => list.filter(() => next() < 0.4);
        const pick = (list: readonly number[]): number => list[Math.floor(next() * list.length)] as number;
        for (let i = 0; i < OPS_PER_WRITER / 4; i += 1) {
          const roll = next();
          const op =
            roll < 0.35
              ? User.addToCollection(pick(users), 'likes', some(pets))
              : roll < 0.7
                ? Pet.addToCollection(pick(pets), 'fans', some(users))
                : roll < 0.85
                  ? User.replaceCollection(pick(users), 'likes', some(pets))
                  : Pet.removeFromCollection(pick(pets), 'fans', some(users));
          await Promise.resolve(op).catch((err: { code?: string; name?: string; message?: string }) => {
            const key = err.code ?? err.name ?? 'unknown';
            failures[key] = (failures[key] ?? 0) + 1;
            if (failures[key] === 1) console.log(`[${datastore.name}] first ${key}: ${err.message ?? String(err)}`);
          });
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      const ms = Math.round(performance.now() - started);

      const rows = await orm.models[LIKES_JUNCTION]!.find();
      const pairs = rows.map((r) => `${r.user_likes as number}-${r.pet_fans as number}`);
      const duplicates = pairs.filter((pair, i) => pairs.indexOf(pair) !== i);
      const fromUsers = (await User.find().populate('likes')).flatMap((u) => idsOf(u.likes).map((p) => `${u.id as number}-${p}`));
      const fromPets = (await Pet.find().populate('fans')).flatMap((p) => idsOf(p.fans).map((u) => `${u}-${p.id as number}`));
      const ops = WRITERS * (OPS_PER_WRITER / 4);
      console.log(`[${datastore.name}] many-to-many: ${ops} ops by ${WRITERS} writers in ${ms} ms; failures ${JSON.stringify(failures)}; duplicates ${duplicates.length}; links ${pairs.length}`);
      expect(duplicates).toEqual([]);
      expect(fromUsers.sort()).toEqual([...pairs].sort());
      expect(fromPets.sort()).toEqual([...pairs].sort());
      expect(failures).toEqual({});
    });
  });
}
