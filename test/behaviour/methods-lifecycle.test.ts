/** Lifecycle callbacks: what each receives, when it runs, skipping, errors, async functions, customToJSON. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

type Rec = Record<string, unknown>;

for (const datastore of testDatastores()) {
  describe(`lifecycle callbacks on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let events: Array<[string, unknown]>;
    let fail: Record<string, unknown>;
    beforeEach(async () => {
      events = [];
      fail = {};
      const record = (name: string) =>
        function (value: Rec, proceed: (err?: unknown) => void) {
          events.push([name, structuredClone(value)]);
          proceed(fail[name]);
        };
      orm = await lift(datastore, {
        user: {
          attributes: { name: { type: 'string' }, slug: { type: 'string' }, pets: { collection: 'pet', via: 'owner' }, likes: { collection: 'pet', via: 'fans' } },
          beforeCreate(value: Rec, proceed: (err?: unknown) => void) {
            events.push(['beforeCreate', { ...value }]);
            // Mutations are persisted.
            value.slug = String(value.name).toLowerCase();
            proceed(fail.beforeCreate);
          },
          afterCreate: async (value: Rec) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            events.push(['afterCreate', value.name]);
            if (fail.afterCreate) throw fail.afterCreate;
          },
          beforeUpdate: record('beforeUpdate'),
          afterUpdate: (value: Rec, proceed: () => void) => {
            events.push(['afterUpdate', value.name]);
            proceed();
          },
          beforeDestroy: record('beforeDestroy'),
          afterDestroy: (value: Rec, proceed: () => void) => {
            events.push(['afterDestroy', value.name]);
            proceed();
          },
          customToJSON(this: Rec) {
            return { name: this.name };
          },
        },
        pet: {
          attributes: { name: { type: 'string' }, owner: { model: 'user' }, fans: { collection: 'user', via: 'likes' } },
          customToJSON(this: Rec) {
            return { pet: this.name };
          },
        },
      });
      User = orm.models.user!;
    });
    afterEach(() => orm.teardown());
    const names = () => events.map(([name]) => name);

    it('beforeCreate gets the normalized record (defaults, pk null, plural keys as arrays); afterCreate only when fetched', async () => {
      await User.create({ name: 'Ann' });
      expect(events).toEqual([['beforeCreate', expect.objectContaining({ name: 'Ann', id: null, pets: [], likes: [], createdAt: expect.any(Number) })]]);
      expect((await User.findOne({ name: 'Ann' }))!.slug).toBe('ann');
      events = [];
      await User.create({ name: 'Bob' }).fetch();
      expect(names()).toEqual(['beforeCreate', 'afterCreate']);
      events = [];
      await User.createEach([{ name: 'Cy' }, { name: 'Di' }]);
      expect(names()).toEqual(['beforeCreate', 'beforeCreate']);
      events = [];
      await User.createEach([{ name: 'Ed' }, { name: 'Flo' }]).fetch();
      expect(names().sort()).toEqual(['afterCreate', 'afterCreate', 'beforeCreate', 'beforeCreate']);
    });

    it('update: beforeUpdate once with the values to set; afterUpdate per record when fetched, always for updateOne', async () => {
      await User.createEach([{ name: 'A' }, { name: 'B' }]);
      events = [];
      await User.update({}, { slug: 'x' });
      expect(events).toEqual([['beforeUpdate', expect.objectContaining({ slug: 'x', updatedAt: expect.any(Number) })]]);
      events = [];
      await User.update({}, { slug: 'y' }).fetch();
      expect(names().sort()).toEqual(['afterUpdate', 'afterUpdate', 'beforeUpdate']);
      events = [];
      await User.updateOne({ name: 'A' }, { slug: 'z' });
      expect(names()).toEqual(['beforeUpdate', 'afterUpdate']);
      events = [];
      await User.updateOne({ name: 'nobody' }, { slug: 'z' });
      expect(names()).toEqual([]);
    });

    it('destroy: beforeDestroy once with the normalized criteria; afterDestroy per record when fetched, always for the One forms', async () => {
      await User.createEach([{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }]);
      events = [];
      await User.destroy({ name: 'A' });
      expect(events).toEqual([['beforeDestroy', expect.objectContaining({ where: { name: 'A' }, select: ['*'], omit: [], sort: [], skip: 0 })]]);
      events = [];
      await User.destroy({ name: 'B' }).fetch();
      expect(events.map(([n, v]) => (n === 'afterDestroy' ? v : n))).toEqual(['beforeDestroy', 'B']);
      events = [];
      await User.destroyOne({ name: 'C' });
      expect(events.map(([n, v]) => (n === 'afterDestroy' ? v : n))).toEqual(['beforeDestroy', 'C']);
      events = [];
      await User.archiveOne({ name: 'D' });
      expect(events.map(([n, v]) => (n === 'afterDestroy' ? v : n))).toEqual(['beforeDestroy', 'D']);
    });

    it('findOrCreate runs beforeCreate and afterCreate only when it creates', async () => {
      await User.findOrCreate({ name: 'F' }, { name: 'F' });
      await User.findOrCreate({ name: 'F' }, { name: 'F' });
      expect(names()).toEqual(['beforeCreate', 'afterCreate']);
    });

    it('meta.skipAllLifecycleCallbacks skips them all', async () => {
      const skip = { skipAllLifecycleCallbacks: true };
      await User.create({ name: 'S' }).fetch().meta(skip);
      await User.update({ name: 'S' }, { slug: 's' }).fetch().meta(skip);
      await User.findOrCreate({ name: 'T' }, { name: 'T' }).meta(skip);
      await User.destroy({}).fetch().meta(skip);
      expect(events).toEqual([]);
    });

    it('never runs on the internal queries of collection methods', async () => {
      const [u] = await User.createEach([{ name: 'U' }]).fetch();
      const pet = (await orm.models.pet!.create({ name: 'Rex' }).fetch())!;
      events = [];
      await User.addToCollection(u!.id, 'likes', [pet.id]);
      await User.replaceCollection(u!.id, 'pets', [pet.id]);
      await User.removeFromCollection(u!.id, 'likes', [pet.id]);
      expect(events).toEqual([]);
    });

    it('returns an error given to proceed, thrown, or rejected, unchanged, and stops the write', async () => {
      const refusal = Object.assign(new Error('no thanks'), { code: 'E_REFUSED' });
      fail.beforeCreate = refusal;
      await expect(User.create({ name: 'X' })).rejects.toBe(refusal);
      expect(await User.count()).toBe(0);
      fail.beforeCreate = undefined;
      fail.beforeUpdate = 'a string error';
      await User.create({ name: 'Y' });
      await expect(User.update({}, { slug: 'q' })).rejects.toBe('a string error' as unknown as Error);
      // Not an Error, so no `.intercept()` rule matches it (as in Waterline): it arrives as given.
      await expect(User.update({}, { slug: 'q' }).intercept(() => new Error('replaced'))).rejects.toBe('a string error' as unknown as Error);
      fail.beforeUpdate = undefined;
      fail.afterCreate = refusal;
      await expect(User.create({ name: 'Z' }).fetch()).rejects.toBe(refusal);
    });

    it('customToJSON applies to fetched writes and populated children', async () => {
      const ann = (await User.create({ name: 'Ann' }).fetch())!;
      expect(JSON.stringify(ann)).toBe('{"name":"Ann"}');
      await orm.models.pet!.create({ name: 'Rex', owner: ann.id });
      const [populated] = await User.find({ id: ann.id }).populate('pets');
      expect(JSON.stringify(populated!.pets)).toBe('[{"pet":"Rex"}]');
      const [updated] = await User.update({ id: ann.id }, { slug: 'a' }).fetch();
      expect(JSON.stringify(updated)).toBe('{"name":"Ann"}');
      const found = await User.findOrCreate({ id: ann.id }, { name: 'Ann' });
      expect(JSON.stringify(found)).toBe('{"name":"Ann"}');
      const streamed: string[] = [];
      await User.stream().eachRecord((r: Rec) => void streamed.push(JSON.stringify(r)));
      expect(streamed).toEqual(['{"name":"Ann"}']);
    });
  });
}
