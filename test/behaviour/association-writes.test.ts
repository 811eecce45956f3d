/** addToCollection / removeFromCollection / replaceCollection on every association kind. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { liftAssociations, BOOKMARKS_JUNCTION, LIKES_JUNCTION, idsOf, snapshot } from '../support/association-models.js';
import { testDatastores } from '../support/datastores.js';
import type { Lifted } from '../support/lift.js';

const JUNCTION_KINDS = [
  { attr: 'likes', back: 'fans', kind: 'many-to-many' },
  { attr: 'bookmarks', back: undefined, kind: 'via-less' },
  { attr: 'adopted', back: 'adopters', kind: 'through' },
] as const;

for (const datastore of testDatastores()) {
  describe(`collection methods on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let Pet: LiveModel;
    let Collar: LiveModel;
    let u1: number;
    let u2: number;
    let p: number[];
    beforeEach(async () => {
      orm = await liftAssociations(datastore);
      User = orm.models.user!;
      Pet = orm.models.pet!;
      Collar = orm.models.collar!;
      const users = await User.createEach([{ name: 'Ann' }, { name: 'Bob' }]).fetch();
      [u1, u2] = users.map((u) => u.id as number) as [number, number];
      const pets = await Pet.createEach([{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }]).fetch();
      p = pets.map((x) => x.id as number);
    });
    afterEach(() => orm.teardown());

    const populated = async (id: number, attr: string): Promise<number[]> => idsOf((await User.findOne({ id }).populate(attr))![attr]);
    const linkRows = async (attr: string): Promise<number> => {
      const identity = attr === 'likes' ? LIKES_JUNCTION : attr === 'bookmarks' ? BOOKMARKS_JUNCTION : 'adoption';
      return orm.models[identity]!.count();
    };

    for (const { attr, back, kind } of JUNCTION_KINDS) {
      it(`${kind}: add links, is idempotent, remove unlinks, replace sets exactly`, async () => {
        expect(await User.addToCollection(u1, attr, [p[0], p[1]])).toBeUndefined();
        await User.addToCollection([u1, u2], attr).members([p[1], p[2]]);
        expect(await populated(u1, attr)).toEqual([p[0], p[1], p[2]]);
        expect(await populated(u2, attr)).toEqual([p[1], p[2]]);
        expect(await linkRows(attr)).toBe(5);

        // Mooring decision: no duplicate rows however often a pair is added.
        await User.addToCollection(u1, attr, [p[0], p[1], p[0]]);
        await User.addToCollection(u1, attr, p[2]);
        expect(await linkRows(attr)).toBe(5);

        if (back) {
          const fans = await Pet.findOne({ id: p[1] }).populate(back);
          expect(idsOf(fans![back])).toEqual([u1, u2].sort((a, b) => a - b));
        }

        await User.removeFromCollection(u1, attr, [p[1], p[3]]);
        expect(await populated(u1, attr)).toEqual([p[0], p[2]]);
        expect(await populated(u2, attr)).toEqual([p[1], p[2]]);

        await User.replaceCollection([u1, u2], attr, [p[3]]);
        expect(await populated(u1, attr)).toEqual([p[3]]);
        expect(await populated(u2, attr)).toEqual([p[3]]);
        await User.replaceCollection(u1, attr, []);
        expect(await populated(u1, attr)).toEqual([]);
        expect(await linkRows(attr)).toBe(1);
      });
    }

    it('through: rows get the through model defaults and timestamps', async () => {
      await User.addToCollection(u1, 'adopted', [p[0]]);
      const [row] = await orm.models.adoption!.find();
      expect(row).toMatchObject({ adopter: u1, pet: p[0], note: 'none' });
      expect(typeof row!.createdAt).toBe('number');
    });

    it('one-to-many: add steals children, remove nulls their fk, replace releases the rest', async () => {
      await User.addToCollection(u1, 'pets', [p[0], p[1]]);
      await User.addToCollection(u2, 'pets', [p[1], p[2]]);
      expect(await populated(u1, 'pets')).toEqual([p[0]]);
      expect(await populated(u2, 'pets')).toEqual([p[1], p[2]]);
      expect((await Pet.findOne({ id: p[1] }))!.owner).toBe(u2);

      // Only children of the targets are released; unknown ids are ignored.
      await User.removeFromCollection(u1, 'pets', [p[0], p[1], 9999]);
      expect(await populated(u1, 'pets')).toEqual([]);
      expect((await Pet.findOne({ id: p[1] }))!.owner).toBe(u2);
      expect((await Pet.findOne({ id: p[0] }))!.owner).toBeNull();

      await User.replaceCollection(u2, 'pets', [p[2], p[3]]);
      expect(await populated(u2, 'pets')).toEqual([p[2], p[3]]);
      expect((await Pet.findOne({ id: p[1] }))!.owner).toBeNull();
      await User.replaceCollection([u1, u2], 'pets', []);
      expect(await Pet.count({ owner: { '!=': null } })).toBe(0);
    });

    it('one-to-many with a required fk: remove and replace refuse to orphan, writing nothing', async () => {
      const collars = await Collar.createEach([{ color: 'red', wearer: u1 }, { color: 'blue', wearer: u1 }]).fetch();
      const [red, blue] = collars.map((c) => c.id as number) as [number, number];
      const before = await snapshot(orm.models);
      await expect(User.removeFromCollection(u1, 'collars', [red])).rejects.toMatchObject({
        name: 'UsageError',
        code: 'E_INVALID_VALUES_TO_SET',
        modelIdentity: 'collar',
      });
      await expect(User.replaceCollection(u1, 'collars', [red])).rejects.toMatchObject({
        name: 'PropagationError',
        code: 'E_COLLISIONS_WHEN_NULLING_OUT_REQUIRED_FK',
      });
      await expect(User.replaceCollection(u1, 'collars', [])).rejects.toMatchObject({ code: 'E_COLLISIONS_WHEN_NULLING_OUT_REQUIRED_FK' });
      expect(await snapshot(orm.models)).toEqual(before);

      // Nothing to orphan: moving both collars to u2 (u1 keeps none, u2 had none).
      await User.replaceCollection(u2, 'collars', [red, blue]);
      expect(await populated(u2, 'collars')).toEqual([red, blue].sort((a, b) => a - b));
      await User.addToCollection(u1, 'collars', [blue]);
      expect(await populated(u1, 'collars')).toEqual([blue]);
    });

    it('validates every argument before anything runs (stage 2 errors)', async () => {
      const codeOf = (q: PromiseLike<unknown>): Promise<unknown> => Promise.resolve(q).then(() => 'ok', (e: { code?: unknown }) => e.code);
      expect(await codeOf(User.addToCollection('nope', 'likes', [p[0]]))).toBe('E_INVALID_TARGET_RECORD_IDS');
      expect(await codeOf(User.addToCollection([u1, {}], 'likes', [p[0]]))).toBe('E_INVALID_TARGET_RECORD_IDS');
      expect(await codeOf(User.addToCollection(u1, 'name', [p[0]]))).toBe('E_INVALID_COLLECTION_ATTR_NAME');
      expect(await codeOf(User.addToCollection(u1, 'nothing', [p[0]]))).toBe('E_INVALID_COLLECTION_ATTR_NAME');
      expect(await codeOf(User.addToCollection(u1, 'companion', [p[0]]))).toBe('E_INVALID_COLLECTION_ATTR_NAME');
      expect(await codeOf(User.addToCollection(u1, 'likes', ['x']))).toBe('E_INVALID_ASSOCIATED_IDS');
      expect(await codeOf(User.addToCollection(u1, 'likes'))).toBe('E_INVALID_ASSOCIATED_IDS');
      expect(await codeOf(User.removeFromCollection(u1, 'likes', [-1]))).toBe('E_INVALID_ASSOCIATED_IDS');
      // Exclusive: one child can't join several parents.
      expect(await codeOf(User.addToCollection([u1, u2], 'pets', [p[0]]))).toBe('E_INVALID_TARGET_RECORD_IDS');
      expect(await codeOf(User.replaceCollection([u1, u2], 'pets', [p[0]]))).toBe('E_INVALID_TARGET_RECORD_IDS');
      expect(await codeOf(User.removeFromCollection([u1, u2], 'pets', [p[0]]))).toBe('ok');
      // Numeric strings are primary keys too.
      await User.addToCollection(String(u1), 'likes', [String(p[0])]);
      expect(await populated(u1, 'likes')).toEqual([p[0]]);
    });

    it('no-ops: empty targets for all three, empty ids for add/remove; replace with [] empties', async () => {
      await User.addToCollection(u1, 'likes', [p[0]]);
      const before = await snapshot(orm.models);
      expect(await User.addToCollection([], 'likes', [p[1]])).toBeUndefined();
      expect(await User.replaceCollection([], 'pets', [p[1]])).toBeUndefined();
      expect(await User.removeFromCollection([], 'likes', [p[0]])).toBeUndefined();
      expect(await User.addToCollection(u1, 'likes', [])).toBeUndefined();
      expect(await User.removeFromCollection(u1, 'likes', [])).toBeUndefined();
      // Mistakes still show even when the call would be a no-op.
      await expect(User.addToCollection([], 'nothing', [])).rejects.toMatchObject({ code: 'E_INVALID_COLLECTION_ATTR_NAME' });
      expect(await snapshot(orm.models)).toEqual(before);
      await User.replaceCollection(u1, 'likes', []);
      expect(await populated(u1, 'likes')).toEqual([]);
    });

    it('callback and meta forms; runs inside a caller transaction with usingConnection', async () => {
      await new Promise<void>((resolve, reject) => {
        User.addToCollection(u1, 'likes', [p[0]], (err) => (err ? reject(err) : resolve()), {});
      });
      expect(await populated(u1, 'likes')).toEqual([p[0]]);
      await expect(
        User.getDatastore().transaction(async (db) => {
          await User.addToCollection(u1, 'likes', [p[1]]).usingConnection(db);
          throw new Error('caller rolls back');
        }),
      ).rejects.toThrow('caller rolls back');
      expect(await populated(u1, 'likes')).toEqual([p[0]]);
    });
  });
}
