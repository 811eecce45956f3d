/** The seed page's two one-to-one patterns, end to end on real rows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

const PET = { attributes: { name: { type: 'string' }, color: { type: 'string' } } };
const USER = { attributes: { name: { type: 'string' }, age: { type: 'number' } } };

for (const datastore of testDatastores()) {
  describe(`seed pattern 1 (unique fk + collection) on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let Pet: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        pet: { attributes: { ...PET.attributes, owner: { model: 'user', unique: true } } },
        user: { attributes: { ...USER.attributes, pet: { collection: 'pet', via: 'owner' } } },
      });
      User = orm.models.user!;
      Pet = orm.models.pet!;
    });
    afterEach(() => orm.teardown());

    it('populates an array from the User side and a record from the Pet side', async () => {
      const alice = await User.create({ name: 'Alice', age: 31 }).fetch();
      const bob = await User.create({ name: 'Bob', age: 27 }).fetch();
      const rex = await Pet.create({ name: 'Rex', color: 'brown', owner: alice.id }).fetch();

      const users = await User.find({ sort: 'name ASC' }).populate('pet');
      expect(users.map((u) => u.name)).toEqual(['Alice', 'Bob']);
      expect(users[0]!.pet).toEqual([expect.objectContaining({ id: rex.id, name: 'Rex', color: 'brown', owner: alice.id })]);
      expect(users[1]!.pet).toEqual([]);

      const pets = await Pet.find().populate('owner');
      expect(pets).toHaveLength(1);
      expect(pets[0]!.owner).toEqual(expect.objectContaining({ id: alice.id, name: 'Alice', age: 31 }));
      expect(pets[0]!.owner).not.toHaveProperty('pet');
      expect(bob.pet).toBeUndefined();
    });

    it('refuses a second pet for the same owner with E_UNIQUE naming `owner`, writing nothing', async () => {
      const alice = await User.create({ name: 'Alice', age: 31 }).fetch();
      await Pet.create({ name: 'Rex', color: 'brown', owner: alice.id });
      const err = await Pet.create({ name: 'Fido', color: 'black', owner: alice.id }).then(
        () => undefined,
        (e: unknown) => e as { name: string; code: string; attrNames: string[]; modelIdentity: string },
      );
      expect(err).toMatchObject({ name: 'AdapterError', code: 'E_UNIQUE', attrNames: ['owner'], modelIdentity: 'pet' });
      expect(await Pet.count()).toBe(1);
      expect(await Pet.find({ name: 'Fido' })).toEqual([]);
    });

    it('lets any number of pets have no owner (null never collides with null)', async () => {
      await Pet.createEach([{ name: 'Stray 1' }, { name: 'Stray 2' }, { name: 'Stray 3', owner: null }]);
      const strays = await Pet.find({ owner: null }).populate('owner');
      expect(strays).toHaveLength(3);
      expect(strays.every((p) => p.owner === null)).toBe(true);
    });

    it('gives null for a dangling foreign key and omits unpopulated collections', async () => {
      await Pet.create({ name: 'Ghost', owner: 999 });
      const [ghost] = await Pet.find({ name: 'Ghost' }).populate('owner');
      expect(ghost!.owner).toBeNull();
      const [raw] = await Pet.find({ name: 'Ghost' });
      expect(raw!.owner).toBe(999);
      await User.create({ name: 'Dana' });
      const [dana] = await User.find({ name: 'Dana' });
      expect(dana).not.toHaveProperty('pet');
    });
  });

  describe(`seed pattern 2 (a model attribute on each side) on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let Pet: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        pet: { attributes: { ...PET.attributes, owner: { model: 'user' } } },
        user: { attributes: { ...USER.attributes, pet: { model: 'pet' } } },
      });
      User = orm.models.user!;
      Pet = orm.models.pet!;
    });
    afterEach(() => orm.teardown());

    it('populates a record on each side and keeps the two sides independent', async () => {
      const carol = await User.create({ name: 'Carol', age: 45 }).fetch();
      const whiskers = await Pet.create({ name: 'Whiskers', color: 'white', owner: carol.id }).fetch();
      await User.update({ id: carol.id }, { pet: whiskers.id });

      const [user] = await User.find({ id: carol.id }).populate('pet');
      expect(user!.pet).toEqual(expect.objectContaining({ id: whiskers.id, name: 'Whiskers', owner: carol.id }));
      const [pet] = await Pet.find({ id: whiskers.id }).populate('owner');
      expect(pet!.owner).toEqual(expect.objectContaining({ id: carol.id, name: 'Carol', pet: whiskers.id }));

      await Pet.update({ id: whiskers.id }, { owner: null });
      const [after] = await User.find({ id: carol.id }).populate('pet');
      expect(after!.pet).toEqual(expect.objectContaining({ id: whiskers.id }));
      const [petAfter] = await Pet.find({ id: whiskers.id }).populate('owner');
      expect(petAfter!.owner).toBeNull();
    });
  });
}
