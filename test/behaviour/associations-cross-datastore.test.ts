/**
 * Populating across datastores: associations whose models all live in the parent's datastore
 * still use its native join; the others are answered with IN-list queries on their own
 * datastore — one statement each, whatever the number of parents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Waterline from '../../dist/index.js';
import type { LiveModel } from '../../dist/index.js';
import { SQLITE, testDatastores } from '../support/datastores.js';
import { logStatements } from '../support/statements.js';

for (const datastore of testDatastores()) {
  describe(`populating from ${datastore.name} into another datastore`, () => {
    const home = logStatements(datastore);
    const away = logStatements(SQLITE);
    const orm = new Waterline();
    let User: LiveModel;
    let Pet: LiveModel;
    beforeAll(async () => {
      orm.registerModel(Waterline.Model.extend({
        identity: 'user',
        migrate: 'drop',
        attributes: {
          name: 'string',
          mentor: { model: 'user' },
          pets: { collection: 'pet', via: 'owner' },
          likes: { collection: 'pet', via: 'fans', dominant: true },
        },
      }));
      orm.registerModel(Waterline.Model.extend({
        identity: 'pet',
        datastore: 'away',
        migrate: 'drop',
        attributes: { name: 'string', owner: { model: 'user' }, fans: { collection: 'user', via: 'likes' } },
      }));
      const { collections } = (await orm.initialize({ datastores: { default: home.datastore.config as { adapter: string }, away: away.datastore.config as { adapter: string } } }))!;
      [User, Pet] = [collections.user!, collections.pet!];
      const ann = await User.create({ name: 'ann' }).fetch();
      const bob = await User.create({ name: 'bob', mentor: ann.id }).fetch();
      const [rex, kit] = (await Pet.createEach([{ name: 'rex', owner: ann.id }, { name: 'kit', owner: bob.id }]).fetch())!;
      // The junction lives with `user`, the side marked `dominant`.
      await collections.pet_fans__user_likes!.createEach([{ user_likes: ann.id, pet_fans: kit!.id }, { user_likes: bob.id, pet_fans: rex!.id }]);
    });
    afterAll(() => orm.teardown());

    it('joins same-datastore associations natively and reads the others by IN-list', async () => {
      home.reset();
      away.reset();
      const users = await User.find().sort('name ASC').populate('mentor').populate('pets').populate('likes');
      expect(users.map((u) => [u.name, (u.mentor as { name?: string } | null)?.name ?? null, (u.pets as { name: string }[]).map((p) => p.name), (u.likes as { name: string }[]).map((p) => p.name)])).toEqual([
        ['ann', null, ['rex'], ['kit']],
        ['bob', 'ann', ['kit'], ['rex']],
      ]);
      // Home: the users with their mentor joined in, then the junction rows; away: pets once per association.
      expect(home.sql).toHaveLength(2);
      expect(away.sql).toHaveLength(2);
    });

    it('keeps a leased connection to its own datastore', async () => {
      const users = await User.getDatastore().transaction(async (db: unknown) =>
        User.find().sort('name ASC').populate('pets').populate('likes.owner').usingConnection(db),
      );
      expect(users.map((u) => [(u.pets as { name: string }[]).map((p) => p.name), (u.likes as { owner: { name: string } }[]).map((p) => p.owner.name)])).toEqual([
        [['rex'], ['bob']],
        [['kit'], ['ann']],
      ]);
    });

    it('populates the other way, into the parent`s datastore', async () => {
      const pets = await Pet.find().sort('name ASC').populate('owner').populate('fans');
      expect(pets.map((p) => [p.name, (p.owner as { name: string }).name, (p.fans as { name: string }[]).map((u) => u.name)])).toEqual([
        ['kit', 'bob', ['ann']],
        ['rex', 'ann', ['bob']],
      ]);
    });
  });
}
