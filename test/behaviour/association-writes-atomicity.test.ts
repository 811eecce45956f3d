/**
 * Every multi-statement association write is one transaction: make its N-th statement fail,
 * for every N until it succeeds, and check that each failed attempt left every table exactly
 * as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { ASSOCIATION_MODELS, liftAssociations, snapshot } from '../support/association-models.js';
import { testDatastores } from '../support/datastores.js';
import { faultyAdapter, InjectedFailure, type FaultyAdapter } from '../support/faulty-adapter.js';
import type { Lifted } from '../support/lift.js';

type Ids = { ann: number; bob: number; p: number[] };
type Scenario = [name: string, run: (m: Record<string, LiveModel>, ids: Ids) => PromiseLike<unknown>];

const SCENARIOS: Scenario[] = [
  ['addToCollection, many-to-many, 2 targets', (m, { ann, bob, p }) => m.user!.addToCollection([ann, bob], 'likes', [p[2], p[3]])],
  ['addToCollection, through', (m, { bob, p }) => m.user!.addToCollection(bob, 'adopted', [p[0], p[3]])],
  ['addToCollection, one-to-many (steal)', (m, { bob, p }) => m.user!.addToCollection(bob, 'pets', [p[0], p[2]])],
  ['removeFromCollection, via-less', (m, { ann, p }) => m.user!.removeFromCollection(ann, 'bookmarks', [p[2]])],
  ['replaceCollection, many-to-many', (m, { ann, bob, p }) => m.user!.replaceCollection([ann, bob], 'likes', [p[3]])],
  ['replaceCollection, one-to-many', (m, { ann, p }) => m.user!.replaceCollection(ann, 'pets', [p[1], p[2]])],
  ['create with collection values', (m, { p }) => m.user!.create({ name: 'Cy', pets: [p[0]], likes: [p[1], p[2]], adopted: [p[3]], companion: p[0] })],
  ['createEach with collection values', (m, { p }) => m.user!.createEach([{ name: 'Cy', likes: [p[0]] }, { name: 'Di', pets: [p[0]], bookmarks: [p[1]] }])],
  ['update replacing collections', (m, { ann, p }) => m.user!.update({ id: ann }, { name: 'Ann 2', pets: [p[3]], likes: [p[3]], adopted: [] })],
  ['updateOne moving a has-one', (m, { ann, p }) => m.user!.updateOne({ id: ann }, { companion: p[1] })],
  ['update clearing has-ones of several users', (m) => m.user!.update({}, { companion: null })],
  ['destroy with cascade', (m, { ann }) => m.user!.destroy({ id: ann }).meta({ cascade: true })],
];

for (const datastore of testDatastores()) {
  describe(`association writes are all-or-nothing on ${datastore.name}`, () => {
    let orm: Lifted;
    let faulty: FaultyAdapter;
    let ids: Ids;
    beforeEach(async () => {
      const adapterName = String(datastore.config.adapter);
      faulty = faultyAdapter(adapterName);
      orm = await liftAssociations(datastore, ASSOCIATION_MODELS, { adapters: { [adapterName]: faulty.adapter } });
      const { user: User, pet: Pet } = orm.models;
      const p = (await Pet!.createEach([{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }]).fetch()).map((x) => x.id as number);
      const ann = (await User!.create({ name: 'Ann', pets: [p[0]], likes: [p[0], p[1]], bookmarks: [p[2]], adopted: [p[1]], companion: p[0] }))!;
      const bob = (await User!.create({ name: 'Bob', pets: [p[1]], likes: [p[1]], companion: p[1] }))!;
      ids = { ann: ann.id as number, bob: bob.id as number, p };
    });
    afterEach(() => orm.teardown());

    for (const [name, run] of SCENARIOS) {
      it(`${name}: a failure at any statement leaves no trace`, async () => {
        let failures = 0;
        for (let n = 1; n <= 50; n += 1) {
          const before = await snapshot(orm.models);
          faulty.arm(n);
          const outcome = await Promise.resolve(run(orm.models, ids)).then(
            () => 'done' as const,
            (err: unknown) => err,
          );
          const calls = faulty.calls;
          faulty.disarm();
          if (outcome === 'done') {
            expect(calls).toBeLessThan(n);
            // The write did something, so each interrupted attempt really had something to undo.
            expect(await snapshot(orm.models)).not.toEqual(before);
            break;
          }
          const cause = (outcome as { raw?: unknown; cause?: unknown }).raw ?? outcome;
          expect(cause).toBeInstanceOf(InjectedFailure);
          expect(await snapshot(orm.models)).toEqual(before);
          failures += 1;
        }
        // Every scenario is several statements (the single-statement remove is inside its lock-free transaction).
        expect(failures).toBeGreaterThanOrEqual(1);
      });
    }
  });
}
