/**
 * Populating every association kind from each side, with subcriteria applied per parent, on
 * every datastore — through the adapter's native `join` and through the IN-list fallback used
 * for adapters without one (sails-disk style).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatastores, type TestDatastore } from '../support/datastores.js';
import { byName, liftZoo, names, type Zoo } from '../support/populate-zoo.js';
import { withoutJoin } from '../support/without-join.js';

function modes(datastore: TestDatastore): { label: string; datastore: TestDatastore; adapters?: Record<string, unknown> }[] {
  return [{ label: datastore.name, datastore }, { label: `${datastore.name} without join`, ...withoutJoin(datastore) }];
}

for (const base of testDatastores()) {
  for (const mode of modes(base)) {
    describe(`populating every association kind on ${mode.label}`, () => {
      let zoo: Zoo;
      beforeAll(async () => {
        zoo = await liftZoo(mode.datastore, mode.adapters ? { adapters: mode.adapters } : {});
      });
      afterAll(() => zoo.teardown());
      const users = () => zoo.model('user').find().sort('name ASC');
      const pets = () => zoo.model('pet').find().sort('name ASC');

      it('one-to-many from the plural side, with where/sort/limit/skip/select/omit per parent', async () => {
        expect(byName(await users().populate('pets', { sort: 'name ASC' }), 'pets')).toEqual({ ann: ['rex', 'tom'], bob: ['kit'], cy: [], dee: [] });
        expect(byName(await users().populate('pets', { where: { legs: 4 }, sort: 'name DESC', limit: 1 }), 'pets')).toEqual({ ann: ['tom'], bob: [], cy: [], dee: [] });
        expect(byName(await users().populate('pets', { sort: 'name ASC', skip: 1 }), 'pets')).toEqual({ ann: ['tom'], bob: [], cy: [], dee: [] });
        const [ann] = await users().limit(1).populate('pets', { select: ['name'], sort: 'name ASC' });
        // As in Waterline, a one-to-many child keeps the fk linking it to its parent.
        expect(ann!.pets).toEqual([{ id: zoo.ids.rex, name: 'rex', owner: zoo.ids.ann }, { id: zoo.ids.tom, name: 'tom', owner: zoo.ids.ann }]);
        const [omitted] = await users().limit(1).populate('pets', { omit: ['legs', 'vet'], sort: 'name ASC', limit: 1 });
        expect(omitted!.pets).toEqual([expect.objectContaining({ name: 'rex', owner: zoo.ids.ann, keeper: zoo.ids.ann })]);
        expect((omitted!.pets as object[])[0]).not.toHaveProperty('legs');
      });

      it('one-to-many from the singular side: a record or null', async () => {
        const found = await pets().populate('owner');
        expect(byName(found, 'owner')).toEqual({ kit: 'bob', rex: 'ann', tom: 'ann', zed: null });
        // The child is a full record with raw fks and no plural keys.
        expect(found[0]!.owner).toEqual(expect.objectContaining({ id: zoo.ids.bob, name: 'bob', mentor: zoo.ids.ann }));
        expect(found[0]!.owner).not.toHaveProperty('pets');
      });

      it('many-to-many from both sides, with subcriteria per parent', async () => {
        expect(byName(await users().populate('likes', { sort: 'name ASC' }), 'likes')).toEqual({ ann: ['kit', 'rex'], bob: ['rex'], cy: ['zed'], dee: [] });
        expect(byName(await pets().populate('fans', { sort: 'name DESC' }), 'fans')).toEqual({ kit: ['ann'], rex: ['bob', 'ann'], tom: [], zed: ['cy'] });
        expect(byName(await users().populate('likes', { where: { legs: { '>': 2 } }, sort: 'name DESC', limit: 1 }), 'likes')).toEqual({ ann: ['rex'], bob: ['rex'], cy: [], dee: [] });
        expect(byName(await pets().populate('fans', { sort: 'name ASC', skip: 1 }), 'fans')).toEqual({ kit: [], rex: ['bob'], tom: [], zed: [] });
        const [ann] = await users().limit(1).populate('likes', { select: ['legs'], sort: 'legs ASC' });
        // Junction columns never leak into the children.
        expect(ann!.likes).toEqual([{ id: zoo.ids.kit, legs: 3 }, { id: zoo.ids.rex, legs: 4 }]);
      });

      it('a via-less collection from its declaring side', async () => {
        expect(byName(await users().populate('bookmarks', { sort: 'name ASC' }), 'bookmarks')).toEqual({ ann: ['tom', 'zed'], bob: [], cy: [], dee: ['rex'] });
        expect(byName(await users().populate('bookmarks', { where: { legs: 2 } }), 'bookmarks')).toEqual({ ann: ['zed'], bob: [], cy: [], dee: [] });
        const error = await pets().populate('bookmarks_pet').catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'UsageError', code: 'E_INVALID_POPULATES' });
      });

      it('a through model from both sides: extra columns not returned, duplicate rows once', async () => {
        const found = await users().populate('adopted', { sort: 'name ASC' });
        expect(byName(found, 'adopted')).toEqual({ ann: ['kit'], bob: ['zed'], cy: [], dee: [] });
        const kit = (found[0]!.adopted as Record<string, unknown>[])[0]!;
        expect(Object.keys(kit).sort()).toEqual(['createdAt', 'id', 'keeper', 'legs', 'name', 'owner', 'updatedAt', 'vet']);
        expect(byName(await pets().populate('adopters'), 'adopters')).toEqual({ kit: ['ann'], rex: [], tom: [], zed: ['bob'] });
        expect(byName(await pets().populate('adopters', { where: { name: { '!=': 'ann' } } }), 'adopters')).toEqual({ kit: [], rex: [], tom: [], zed: ['bob'] });
      });

      it('reflexive associations: many-to-many, singular and one-to-many on the same model', async () => {
        const found = await users().populate('friends', { sort: 'name ASC' }).populate('friendOf', { sort: 'name ASC' }).populate('mentor').populate('mentees', { sort: 'name ASC' });
        expect(byName(found, 'friends')).toEqual({ ann: ['bob', 'cy'], bob: ['cy'], cy: [], dee: [] });
        expect(byName(found, 'friendOf')).toEqual({ ann: [], bob: ['ann'], cy: ['ann', 'bob'], dee: [] });
        expect(byName(found, 'mentor')).toEqual({ ann: null, bob: 'ann', cy: 'ann', dee: 'bob' });
        expect(byName(found, 'mentees')).toEqual({ ann: ['bob', 'cy'], bob: ['dee'], cy: [], dee: [] });
      });

      it('several associations between the same two models, populated together', async () => {
        const found = await pets().populate('owner').populate('vet').populate('keeper').populate('fans', { sort: 'name ASC' });
        expect(found.map((p) => [p.name, (p.owner as { name?: string } | null)?.name ?? null, (p.vet as { name?: string } | null)?.name ?? null, (p.keeper as { name?: string } | null)?.name ?? null, names(p.fans)])).toEqual([
          ['kit', 'bob', 'ann', 'bob', ['ann']],
          ['rex', 'ann', 'bob', 'ann', ['ann', 'bob']],
          ['tom', 'ann', 'bob', null, []],
          ['zed', null, null, null, ['cy']],
        ]);
        const people = await users().populate('pets', { sort: 'name ASC' }).populate('patients', { sort: 'name ASC' }).populate('companion');
        expect(byName(people, 'pets')).toEqual({ ann: ['rex', 'tom'], bob: ['kit'], cy: [], dee: [] });
        expect(byName(people, 'patients')).toEqual({ ann: ['kit'], bob: ['rex', 'tom'], cy: [], dee: [] });
        expect(byName(people, 'companion')).toEqual({ ann: 'rex', bob: 'kit', cy: null, dee: null });
      });

      it('keeps parent paging independent of the children, and [] for a never-matching subcriteria', async () => {
        const page = await users().skip(1).limit(2).populate('likes', { sort: 'name ASC' });
        expect(byName(page, 'likes')).toEqual({ bob: ['rex'], cy: ['zed'] });
        expect(byName(await users().populate('likes', { limit: 0 }).populate('pets', { where: { id: [] } }), 'likes')).toEqual({ ann: [], bob: [], cy: [], dee: [] });
        const one = await zoo.model('user').findOne({ name: 'ann' }).populate('likes', { sort: 'name ASC' }).populate('companion');
        expect([names(one!.likes), (one!.companion as { name: string }).name]).toEqual([['kit', 'rex'], 'rex']);
      });

      it('refuses bad subcriteria on junction and through populates with E_INVALID_POPULATES', async () => {
        const attempts = [
          () => users().populate('likes', { where: { nickname: 'x' } }),
          () => users().populate('adopted', { where: { note: 'first' } }),
          () => users().populate('adopted', { omit: ['id'] }),
          () => users().populate('bookmarks', { select: ['fans'] }),
          () => users().populate('likes', { sort: 'fans ASC' }),
          () => pets().populate('adopters', { where: { companion: 1 } }),
        ];
        for (const attempt of attempts) {
          await expect(attempt()).rejects.toMatchObject({ name: 'UsageError', code: 'E_INVALID_POPULATES' });
        }
      });
    });
  }
}
