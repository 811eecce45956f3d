/**
 * Junction tables keep Waterline's names, so a database Waterline created keeps working:
 * rows written with plain SQL under those table and column names populate from both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatastores, type TestDatastore } from '../support/datastores.js';
import { byName, BOOKMARKS, FRIENDS, LIKES, liftZoo, type Zoo } from '../support/populate-zoo.js';

/** Identifier quoting as each dialect needs it for mixed-case names. */
function quoter(datastore: TestDatastore): (name: string) => string {
  return datastore.name === 'mysql' ? (name) => `\`${name}\`` : (name) => `"${name}"`;
}

for (const datastore of testDatastores()) {
  describe(`junction naming on ${datastore.name}`, () => {
    let zoo: Zoo;
    const q = quoter(datastore);
    beforeAll(async () => {
      zoo = await liftZoo(datastore);
    });
    afterAll(() => zoo.teardown());

    it('names junction models, tables and columns as Waterline does', () => {
      const expected: [string, string, string[]][] = [
        [LIKES, 'pet_fans__user_likes', ['id', 'pet_fans', 'user_likes']],
        [BOOKMARKS, 'pet_bookmarks_pet__user_bookmarks', ['id', 'pet_bookmarks_pet', 'user_bookmarks']],
        [FRIENDS, 'user_friendOf__user_friends', ['id', 'user_friendOf', 'user_friends']],
      ];
      for (const [identity, tableName, columns] of expected) {
        const junction = zoo.model(identity);
        expect(junction.tableName).toBe(tableName);
        expect(Object.values(junction.schema).map((a) => a.columnName).sort()).toEqual(columns);
      }
      expect(zoo.model('user').schema.likes).toMatchObject({ collection: LIKES, references: 'pet_fans__user_likes', on: 'user_likes' });
      expect(zoo.model('pet').schema.fans).toMatchObject({ collection: LIKES, references: 'pet_fans__user_likes', on: 'pet_fans' });
      expect(zoo.model('user').schema.adopted).toMatchObject({ collection: 'adoption', references: 'adoption', on: 'adopter' });
    });

    it('populates rows written with plain SQL under those names', async () => {
      const { ids } = zoo;
      const send = (sql: string) => zoo.model('user').getDatastore().sendNativeQuery(sql);
      await send(`INSERT INTO ${q('pet_fans__user_likes')} (${q('user_likes')}, ${q('pet_fans')}) VALUES (${ids.dee}, ${ids.tom})`);
      await send(`INSERT INTO ${q('user_friendOf__user_friends')} (${q('user_friends')}, ${q('user_friendOf')}) VALUES (${ids.dee}, ${ids.ann})`);
      await send(`INSERT INTO ${q('pet_bookmarks_pet__user_bookmarks')} (${q('user_bookmarks')}, ${q('pet_bookmarks_pet')}) VALUES (${ids.cy}, ${ids.kit})`);

      const users = await zoo.model('user').find().sort('name ASC').populate('likes', { sort: 'name ASC' }).populate('friends', { sort: 'name ASC' }).populate('friendOf', { sort: 'name ASC' }).populate('bookmarks', { sort: 'name ASC' });
      expect(byName(users, 'likes')).toEqual({ ann: ['kit', 'rex'], bob: ['rex'], cy: ['zed'], dee: ['tom'] });
      expect(byName(users, 'friends')).toEqual({ ann: ['bob', 'cy'], bob: ['cy'], cy: [], dee: ['ann'] });
      expect(byName(users, 'friendOf')).toEqual({ ann: ['dee'], bob: ['ann'], cy: ['ann', 'bob'], dee: [] });
      expect(byName(users, 'bookmarks')).toEqual({ ann: ['tom', 'zed'], bob: [], cy: ['kit'], dee: ['rex'] });
      const [tom] = await zoo.model('pet').find({ name: 'tom' }).populate('fans');
      expect(tom!.fans).toEqual([expect.objectContaining({ name: 'dee' })]);
    });
  });
}
