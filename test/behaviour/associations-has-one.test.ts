/**
 * Mooring's has-one: `user.companion: {model: 'pet', via: 'keeper'}` with `pet.keeper` unique.
 * Populated as ONE record or `null`, never an array; refused where a plural is refused; safe
 * to migrate to from Waterline, which kept a column for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatastores, type TestDatastore } from '../support/datastores.js';
import { lift } from '../support/lift.js';
import { byName, liftZoo, type Zoo } from '../support/populate-zoo.js';

const PET = { attributes: { name: { type: 'string' }, keeper: { model: 'user', unique: true } } };

for (const datastore of testDatastores()) {
  describe(`has-one on ${datastore.name}`, () => {
    let zoo: Zoo;
    beforeAll(async () => {
      zoo = await liftZoo(datastore);
    });
    afterAll(() => zoo.teardown());
    const users = () => zoo.model('user').find().sort('name ASC');

    it('populates to the one record or null, never an array', async () => {
      const found = await users().populate('companion');
      expect(byName(found, 'companion')).toEqual({ ann: 'rex', bob: 'kit', cy: null, dee: null });
      expect(found.some((u) => Array.isArray(u.companion))).toBe(false);
      expect(found[0]!.companion).toEqual(expect.objectContaining({ id: zoo.ids.rex, name: 'rex', keeper: zoo.ids.ann, legs: 4 }));
      const [pet] = await zoo.model('pet').find({ name: 'rex' }).populate('keeper');
      expect(pet!.keeper).toEqual(expect.objectContaining({ id: zoo.ids.ann, name: 'ann' }));
      expect(pet!.keeper).not.toHaveProperty('companion');
    });

    it('is absent from unpopulated records and has no column', async () => {
      const [ann] = await users().limit(1);
      expect(ann).not.toHaveProperty('companion');
      expect(zoo.model('user').attributes.companion).toEqual({ model: 'pet', via: 'keeper', required: false });
      expect(zoo.model('user').schema.companion).toMatchObject({ collection: 'pet', via: 'keeper', hasOne: true });
      expect(zoo.model('user').schema.companion).not.toHaveProperty('columnName');
    });

    it('accepts only true or {} as populate subcriteria', async () => {
      expect(byName(await users().populate('companion', {}), 'companion')).toEqual({ ann: 'rex', bob: 'kit', cy: null, dee: null });
      for (const sub of [{ where: { name: 'rex' } }, { select: ['name'] }, { limit: 1 }]) {
        await expect(users().populate('companion', sub)).rejects.toMatchObject({ name: 'UsageError', code: 'E_INVALID_POPULATES' });
      }
    });

    it('cannot be filtered, sorted or selected on, like a plural', async () => {
      const attempts: [() => PromiseLike<unknown>, RegExp][] = [
        [() => zoo.model('user').find({ companion: zoo.ids.rex }), /`companion` is a has-one \(its foreign key is `pet.keeper`\)/],
        [() => zoo.model('user').find().sort('companion ASC'), /has-one/],
        [() => zoo.model('user').find({ select: ['companion'] }), /`companion`, a has-one; it has no column/],
      ];
      for (const [attempt, message] of attempts) {
        const error = (await Promise.resolve(attempt()).catch((e: unknown) => e)) as Error;
        expect(error).toMatchObject({ name: 'UsageError', code: 'E_INVALID_CRITERIA' });
        expect((error as Error).message).toMatch(message);
      }
    });

    it('relies on the database for "at most one": a second pet for the same keeper is E_UNIQUE', async () => {
      const error = await zoo.model('pet').create({ name: 'spot', keeper: zoo.ids.ann }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'AdapterError', code: 'E_UNIQUE', attrNames: ['keeper'] });
    });

    it('fails initialize when the foreign key is not unique, saying what to add', async () => {
      const error = await lift(datastore, {
        user: { attributes: { name: 'string', pet: { model: 'pet', via: 'owner' } } },
        pet: { attributes: { owner: { model: 'user' } } },
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_INVALID_MODEL_DEF', problems: [{ model: 'user', attribute: 'pet', message: expect.stringMatching(/add `unique: true` to `pet.owner`/) }] });
    });
  });

  describe(`migrating a Waterline "model + via" column to a has-one on ${datastore.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mooring-has-one-'));
    // A database that outlives one ORM: a file for SQLite, the server otherwise.
    const durable: TestDatastore = datastore.name === 'sqlite' ? { ...datastore, config: { adapter: 'sqlite', filename: join(dir, 'db.sqlite') } } : datastore;
    const alter = (def: Record<string, unknown>) => ({ ...def, migrate: 'alter' });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses to drop a column that still holds links, and proceeds once they are moved', async () => {
      // As Waterline stored it: `user.pet` was a plain column (Waterline ignored `via`).
      const before = await lift(durable, { user: { attributes: { name: 'string', pet: { model: 'pet' } } }, pet: PET });
      const pet = await before.models.pet!.create({ name: 'rex' }).fetch();
      await before.models.user!.create({ name: 'ann', pet: pet.id });
      await before.teardown();

      const hasOne = { user: alter({ attributes: { name: 'string', pet: { model: 'pet', via: 'keeper' } } }), pet: alter(PET) };
      const error = (await lift(durable, hasOne).catch((e: unknown) => e)) as Error;
      expect(error).toMatchObject({ name: 'ConfigurationError', code: 'E_ALTER_WOULD_LOSE_DATA' });
      expect(error.message).toMatch(/would drop column `pet` of table `user`, which still holds links/);
      expect(error.message).toMatch(/foreign key is `pet.keeper`[\s\S]*Nothing was changed[\s\S]*UPDATE pet SET keeper/);

      // Nothing was lost; move the link by hand (as the message says), then migrate.
      const kept = await lift(durable, { user: { migrate: 'safe', attributes: { name: 'string', pet: { model: 'pet' } } }, pet: { ...PET, migrate: 'alter' } });
      const [ann] = await kept.models.user!.find({ name: 'ann' });
      expect(ann!.pet).toBe(pet.id);
      await kept.models.pet!.updateOne({ id: pet.id }).set({ keeper: ann!.id });
      await kept.models.user!.update({ id: ann!.id }).set({ pet: null });
      await kept.teardown();

      const after = await lift(durable, hasOne);
      const [migrated] = await after.models.user!.find({ name: 'ann' }).populate('pet');
      expect(migrated!.pet).toEqual(expect.objectContaining({ id: pet.id, name: 'rex', keeper: ann!.id }));
      await after.teardown();
    });
  });
}
