/**
 * Nested populates (`.populate('pets.toys')`), which Waterline rejects: any depth, any kind
 * at each level, subcriteria on the last segment, merged with a populate of the prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatastores } from '../support/datastores.js';
import { byName, liftZoo, names, type Zoo } from '../support/populate-zoo.js';
import { withoutJoin } from '../support/without-join.js';

type Rec = Record<string, unknown>;
const list = (value: unknown): Rec[] => value as Rec[];
const one = (value: unknown): Rec => value as Rec;

for (const base of testDatastores()) {
  for (const mode of [{ label: base.name, datastore: base }, { label: `${base.name} without join`, ...withoutJoin(base) }]) {
    describe(`nested populate on ${mode.label}`, () => {
      let zoo: Zoo;
      beforeAll(async () => {
        zoo = await liftZoo(mode.datastore, 'adapters' in mode ? { adapters: mode.adapters } : {});
      });
      afterAll(() => zoo.teardown());
      const users = () => zoo.model('user').find().sort('name ASC');

      it('depth 2: one-to-many → one-to-many, implying the first level', async () => {
        const found = await users().populate('pets.toys');
        expect(found.map((u) => [u.name, list(u.pets).map((p) => [p.name, names(p.toys).sort()]).sort()])).toEqual([
          ['ann', [['rex', ['ball', 'bone']], ['tom', ['rope']]]],
          ['bob', [['kit', ['mouse']]]],
          ['cy', []],
          ['dee', []],
        ]);
        // Children are full records of their model, with their own populated key.
        const rex = list(found[0]!.pets).find((p) => p.name === 'rex')!;
        expect(rex).toEqual(expect.objectContaining({ id: zoo.ids.rex, legs: 4, owner: zoo.ids.ann, keeper: zoo.ids.ann, vet: zoo.ids.bob }));
        expect(list(rex.toys)[0]).toEqual(expect.objectContaining({ pet: zoo.ids.rex }));
      });

      it('subcriteria on the last segment, merged with the first level`s own', async () => {
        const found = await users()
          .populate('pets', { sort: 'name DESC', select: ['name'] })
          .populate('pets.toys', { where: { name: { '!=': 'bone' } }, sort: 'name ASC', select: ['name'] });
        const ann = found[0]!;
        expect(list(ann.pets).map((p) => Object.keys(p).sort())).toEqual([['id', 'name', 'owner', 'toys'], ['id', 'name', 'owner', 'toys']]);
        expect(list(ann.pets).map((p) => [p.name, list(p.toys).map((t) => Object.keys(t).sort().join())])).toEqual([
          ['tom', ['id,name,pet']],
          ['rex', ['id,name,pet']],
        ]);
        expect(byName(list(ann.pets), 'toys')).toEqual({ tom: ['rope'], rex: ['ball'] });
        // Per-parent limits of the first level still hold.
        const limited = await users().populate('pets', { sort: 'name ASC', limit: 1 }).populate('pets.toys', { sort: 'name DESC', limit: 1 });
        expect(limited.map((u) => list(u.pets).map((p) => [p.name, names(p.toys)]))).toEqual([[['rex', ['bone']]], [['kit', ['mouse']]], [], []]);
      });

      it('depth 3 with mixed kinds: many-to-many → one-to-many → singular', async () => {
        const found = await users().populate('likes', { sort: 'name ASC' }).populate('likes.toys', { sort: 'name ASC' }).populate('likes.toys.maker');
        const makers = (u: Rec) => list(u.likes).map((p) => [p.name, list(p.toys).map((t) => [t.name, t.maker === null ? null : one(t.maker).name])]);
        expect(makers(found[0]!)).toEqual([
          ['kit', [['mouse', 'zing']]],
          ['rex', [['ball', 'acme'], ['bone', null]]],
        ]);
        expect(makers(found[1]!)).toEqual([['rex', [['ball', 'acme'], ['bone', null]]]]);
        expect(makers(found[2]!)).toEqual([['zed', []]]);
        // rex is liked by ann and bob: each gets its own object.
        expect(list(found[0]!.likes)[1]).not.toBe(list(found[1]!.likes)[0]);
      });

      it('depth 3 through a has-one, a through model and reflexive associations', async () => {
        const found = await users().populate('companion.toys.maker').populate('adopted.owner.friends', { sort: 'name ASC' });
        const ann = found[0]!;
        expect(one(ann.companion).name).toBe('rex');
        expect(list(one(ann.companion).toys).map((t) => [t.name, t.maker === null ? null : one(t.maker).name]).sort()).toEqual([['ball', 'acme'], ['bone', null]]);
        expect(found.map((u) => u.companion === null ? null : one(u.companion).name)).toEqual(['rex', 'kit', null, null]);
        // ann adopted kit (twice: once), whose owner bob has friend cy; bob adopted zed, who has no owner.
        expect(list(ann.adopted).map((p) => [p.name, one(p.owner).name, names(one(p.owner).friends)])).toEqual([['kit', 'bob', ['cy']]]);
        expect(list(found[1]!.adopted).map((p) => [p.name, p.owner])).toEqual([['zed', null]]);
      });

      it('several nested paths under one association, with a singular in the middle', async () => {
        const pets = await zoo.model('pet').find().sort('name ASC').populate('owner.mentor').populate('owner.likes', { sort: 'name ASC' }).populate('toys.maker');
        expect(pets.map((p) => [p.name, p.owner === null ? null : [one(p.owner).name, one(p.owner).mentor === null ? null : one(one(p.owner).mentor).name, names(one(p.owner).likes)]])).toEqual([
          ['kit', ['bob', 'ann', ['rex']]],
          ['rex', ['ann', null, ['kit', 'rex']]],
          ['tom', ['ann', null, ['kit', 'rex']]],
          ['zed', null],
        ]);
        expect(byName(pets, 'toys')).toEqual(expect.objectContaining({ zed: [] }));
      });

      it('works with findOne and the populates argument of find', async () => {
        const ann = await zoo.model('user').findOne({ name: 'ann' }).populate('companion.keeper');
        expect(one(one(ann!.companion).keeper).name).toBe('ann');
        const [bob] = await zoo.model('user').find({ name: 'bob' }, { 'pets.toys': { sort: 'name ASC' } });
        expect(list(bob!.pets).map((p) => names(p.toys))).toEqual([['mouse']]);
      });

      it('refuses bad nested paths with E_INVALID_POPULATES naming the path', async () => {
        const attempts: [() => PromiseLike<unknown>, string][] = [
          [() => users().populate('pets.nothing'), '`pets.nothing`'],
          [() => users().populate('pets.legs'), '`pets.legs`'],
          [() => users().populate('pets.owner', { where: { name: 'ann' } }), '`pets.owner`'],
          [() => users().populate('pets.toys', { where: { colour: 'red' } }), '`pets.toys`'],
          [() => users().populate('pets', { omit: ['owner'] }).populate('pets.owner'), '`pets.owner`'],
        ];
        for (const [attempt, path] of attempts) {
          const error = (await Promise.resolve(attempt()).catch((e: unknown) => e)) as Error;
          expect(error).toMatchObject({ name: 'UsageError', code: 'E_INVALID_POPULATES' });
          expect(error.message).toContain(path);
        }
      });
    });
  }
}
