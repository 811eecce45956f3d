/** Collection values in create / createEach / update, has-one writes, and cascade on destroy. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { ASSOCIATION_MODELS, liftAssociations, LIKES_JUNCTION, idsOf, oneOf, snapshot } from '../support/association-models.js';
import { testDatastores } from '../support/datastores.js';
import type { Lifted } from '../support/lift.js';

const byId = (a: number, b: number): number => a - b;

for (const datastore of testDatastores()) {
  describe(`collection values and cascade on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let Pet: LiveModel;
    let p: number[];
    beforeEach(async () => {
      orm = await liftAssociations(datastore);
      User = orm.models.user!;
      Pet = orm.models.pet!;
      const pets = await Pet.createEach([{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }]).fetch();
      p = pets.map((x) => x.id as number);
    });
    afterEach(() => orm.teardown());

    const populated = async (id: unknown, attr: string): Promise<number[]> => idsOf((await User.findOne({ id }).populate(attr))![attr]);

    it('create links every kind, forces fetch, and returns the record without plural keys', async () => {
      const ann = await User.create({ name: 'Ann', pets: [p[0], p[1]], likes: p[1], bookmarks: [p[2]], adopted: [p[3]] });
      expect(ann).toMatchObject({ name: 'Ann' });
      expect(ann).not.toHaveProperty('pets');
      expect(await populated(ann!.id, 'pets')).toEqual([p[0], p[1]]);
      expect(await populated(ann!.id, 'likes')).toEqual([p[1]]);
      expect(await populated(ann!.id, 'bookmarks')).toEqual([p[2]]);
      expect(await populated(ann!.id, 'adopted')).toEqual([p[3]]);
      // Without collection values nothing is forced.
      expect(await User.create({ name: 'Bob', likes: [] })).toBeUndefined();
    });

    it('createEach links per record; a later record steals an exclusive child', async () => {
      const users = await User.createEach([
        { name: 'Ann', pets: [p[0], p[1]], likes: [p[0]] },
        { name: 'Bob', pets: [p[1]], likes: [p[0], p[2]] },
        { name: 'Cy' },
      ]);
      expect(users!.map((u) => u.name)).toEqual(['Ann', 'Bob', 'Cy']);
      const [ann, bob, cy] = users!.map((u) => u.id);
      expect(await populated(ann, 'pets')).toEqual([p[0]]);
      expect(await populated(bob, 'pets')).toEqual([p[1]]);
      expect(await populated(bob, 'likes')).toEqual([p[0], p[2]]);
      expect(await populated(cy, 'likes')).toEqual([]);
      expect(await orm.models[LIKES_JUNCTION]!.count()).toBe(3);
    });

    it('create with bad collection values is E_INVALID_NEW_RECORD(S) and writes nothing', async () => {
      await expect(User.create({ name: 'Ann', likes: ['x'] })).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORD' });
      await expect(User.createEach([{ name: 'Ann' }, { name: 'Bob', pets: [{}] }])).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORDS' });
      expect(await User.count()).toBe(0);
    });

    it('update replaces the collection of every updated record (even with []) and forces fetch', async () => {
      const [ann, bob] = (await User.createEach([{ name: 'Ann', likes: [p[0]] }, { name: 'Bob', likes: [p[1]] }]).fetch()).map((u) => u.id as number);
      const updated = await User.update({ name: { in: ['Ann', 'Bob'] } }, { likes: [p[2], p[3]] });
      expect(updated!.map((u) => u.id as number).sort(byId)).toEqual([ann!, bob!].sort(byId));
      expect(await populated(ann, 'likes')).toEqual([p[2], p[3]]);
      expect(await populated(bob, 'likes')).toEqual([p[2], p[3]]);
      await User.update({ id: ann }).set({ likes: [] });
      expect(await populated(ann, 'likes')).toEqual([]);

      await User.updateOne({ id: bob }, { pets: [p[0], p[1]] });
      expect(await populated(bob, 'pets')).toEqual([p[0], p[1]]);
      await User.update({ id: bob }, { pets: [p[1]] });
      expect(await populated(bob, 'pets')).toEqual([p[1]]);
      expect((await Pet.findOne({ id: p[0] }))!.owner).toBeNull();
      expect(await User.update({ name: 'nobody' }, { likes: [p[0]] })).toEqual([]);
    });

    it('update: several records + exclusive collection + ids is refused before anything is written', async () => {
      await User.createEach([{ name: 'Ann', pets: [p[0]] }, { name: 'Ann', pets: [p[1]] }]);
      const before = await snapshot(orm.models);
      await expect(User.update({ name: 'Ann' }, { name: 'Changed', pets: [p[2]] })).rejects.toMatchObject({
        name: 'UsageError',
        code: 'E_INVALID_TARGET_RECORD_IDS',
      });
      expect(await snapshot(orm.models)).toEqual(before);
      // With [] it is fine: every match's children are released.
      await User.update({ name: 'Ann' }, { pets: [] });
      expect(await Pet.count({ owner: { '!=': null } })).toBe(0);
    });

    it('has-one: create, steal, clear; the unique fk never holds two owners', async () => {
      const ann = (await User.create({ name: 'Ann', companion: p[0] }))!;
      expect(ann).not.toHaveProperty('companion');
      expect((await Pet.findOne({ id: p[0] }))!.keeper).toBe(ann.id);
      const bob = (await User.create({ name: 'Bob' }).fetch());
      const companionOf = async (id: unknown): Promise<number | null> => oneOf((await User.findOne({ id }).populate('companion'))!.companion)?.id ?? null;

      // Bob takes Ann's pet: Ann is left without one.
      const [updatedBob] = (await User.update({ id: bob.id }, { companion: p[0] }))!;
      expect(updatedBob).toMatchObject({ id: bob.id });
      expect(await companionOf(bob.id)).toBe(p[0]);
      expect(await companionOf(ann.id)).toBeNull();

      // Bob switches pets: the old one is released first, so the unique index holds throughout.
      expect(await User.updateOne({ id: bob.id }, { companion: String(p[1]) })).toMatchObject({ id: bob.id });
      expect((await Pet.findOne({ id: p[0] }))!.keeper).toBeNull();
      expect(await companionOf(bob.id)).toBe(p[1]);
      expect(await Pet.count({ keeper: bob.id })).toBe(1);

      await User.updateOne({ id: bob.id }, { companion: null });
      expect(await companionOf(bob.id)).toBeNull();
      expect(await Pet.count({ keeper: { '!=': null } })).toBe(0);
      expect(await Pet.count()).toBe(4);
    });

    it('has-one: bad values and several users with one pet are refused before writing', async () => {
      const [ann] = (await User.createEach([{ name: 'Ann', companion: p[0] }, { name: 'Ann' }]).fetch()).map((u) => u.id);
      const before = await snapshot(orm.models);
      for (const bad of [[p[1]], [], { id: p[1] }, 'x', true]) {
        await expect(User.update({ id: ann }, { companion: bad })).rejects.toMatchObject({ code: 'E_INVALID_VALUES_TO_SET' });
      }
      await expect(User.create({ name: 'Cy', companion: [p[1]] })).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORD' });
      await expect(User.update({ name: 'Ann' }, { companion: p[1] })).rejects.toMatchObject({
        code: 'E_INVALID_VALUES_TO_SET',
        details: expect.stringContaining('has-one'),
      });
      expect(await snapshot(orm.models)).toEqual(before);
      // Clearing several at once is fine.
      await User.update({ name: 'Ann' }, { companion: null });
      expect(await Pet.count({ keeper: { '!=': null } })).toBe(0);
    });

    it('has-one with a required fk: moving the badge away from its holder is refused', async () => {
      const [ann, bob] = (await User.createEach([{ name: 'Ann' }, { name: 'Bob' }]).fetch()).map((u) => u.id);
      const badge = await orm.models.badge!.create({ label: 'gold', holder: ann }).fetch();
      // Taking it is fine (the badge just changes holder)…
      await User.updateOne({ id: bob }, { badge: badge.id });
      expect((await orm.models.badge!.findOne({ id: badge.id }))!.holder).toBe(bob);
      // …but leaving Bob without it would orphan a required fk.
      await expect(User.updateOne({ id: bob }, { badge: null })).rejects.toMatchObject({
        name: 'PropagationError',
        code: 'E_COLLISIONS_WHEN_NULLING_OUT_REQUIRED_FK',
      });
      expect((await orm.models.badge!.findOne({ id: badge.id }))!.holder).toBe(bob);
    });

    it('cascade: junction rows deleted, children released (not deleted), atomically', async () => {
      const ann = (await User.create({ name: 'Ann', pets: [p[0]], likes: [p[1]], bookmarks: [p[2]], adopted: [p[3]], companion: p[1] }))!;
      const bob = (await User.create({ name: 'Bob', likes: [p[1]] }))!;
      const gone = await User.destroy({ id: ann.id }).meta({ cascade: true }).fetch();
      expect(gone.map((u) => u.id)).toEqual([ann.id]);
      expect(await Pet.count()).toBe(4);
      expect(await Pet.count({ or: [{ owner: { '!=': null } }, { keeper: { '!=': null } }] })).toBe(0);
      expect(await orm.models[LIKES_JUNCTION]!.count()).toBe(1);
      expect(await orm.models.adoption!.count()).toBe(0);
      expect(await populated(bob.id, 'likes')).toEqual([p[1]]);

      // Without cascade the links stay (dangling), as in Waterline.
      await User.destroy({ id: bob.id });
      expect(await orm.models[LIKES_JUNCTION]!.count()).toBe(1);
    });

    it('cascade with a required child fk fails as a PropagationError and destroys nothing', async () => {
      const ann = (await User.create({ name: 'Ann', likes: [p[0]] }).fetch());
      await orm.models.collar!.create({ color: 'red', wearer: ann.id });
      const before = await snapshot(orm.models);
      const err = await User.destroy({ id: ann.id }).meta({ cascade: true }).then(() => undefined, (e: unknown) => e as Error & { code: string });
      expect(err).toMatchObject({ name: 'PropagationError', code: 'E_COLLISIONS_WHEN_NULLING_OUT_REQUIRED_FK' });
      expect(err!.message).toContain('cascade');
      expect(await snapshot(orm.models)).toEqual(before);
    });

    it('cascadeOnDestroy applies to destroy and destroyOne', async () => {
      await orm.teardown();
      orm = await liftAssociations(datastore, { ...ASSOCIATION_MODELS, user: { ...ASSOCIATION_MODELS.user, cascadeOnDestroy: true } });
      const { models } = orm;
      const [a, b] = (await models.pet!.createEach([{ name: 'A' }, { name: 'B' }]).fetch()).map((x) => x.id);
      const ann = (await models.user!.create({ name: 'Ann', likes: [a, b], pets: [a] }))!;
      const bob = (await models.user!.create({ name: 'Bob', likes: [b] }))!;
      await models.user!.destroyOne({ id: ann.id });
      expect(await models[LIKES_JUNCTION]!.count()).toBe(1);
      expect((await models.pet!.findOne({ id: a }))!.owner).toBeNull();
      await models.user!.destroy({ id: bob.id });
      expect(await models[LIKES_JUNCTION]!.count()).toBe(0);
    });
  });
}
