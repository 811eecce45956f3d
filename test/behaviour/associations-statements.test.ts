/**
 * Populate costs a fixed number of statements per level, whatever the number of parents:
 * counted with the datastore hook `onStatement`, on every datastore, with the native join and
 * with the IN-list fallback for adapters without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { LIKES, liftZoo, type Zoo } from '../support/populate-zoo.js';
import { countStatements, logStatements } from '../support/statements.js';
import { withoutJoin } from '../support/without-join.js';

const EXTRA = 20;

/**
 * Statements for each query: [native join, fallback]. Native: one statement for the parents
 * and every singular association (LEFT JOIN), one per plural association (IN-list); a nested
 * level adds one statement reading its records (with their singular associations) by key.
 * Fallback: one find per singular or one-to-many association, two per junction-backed one.
 */
const CASES: [string, (user: LiveModel, pet: LiveModel, where: object) => PromiseLike<unknown>, number, number][] = [
  ['one-to-many', (u, _p, w) => u.find(w).populate('pets'), 2, 2],
  ['singular', (_u, p, w) => p.find(w).populate('owner'), 1, 2],
  ['three singulars', (_u, p, w) => p.find(w).populate('owner').populate('vet').populate('keeper'), 1, 4],
  ['many-to-many', (u, _p, w) => u.find(w).populate('likes', { sort: 'name ASC', limit: 1 }), 2, 3],
  ['through', (u, _p, w) => u.find(w).populate('adopted'), 2, 3],
  ['has-one', (u, _p, w) => u.find(w).populate('companion'), 2, 2],
  ['mixed', (u, _p, w) => u.find(w).populate('pets').populate('likes').populate('mentor'), 3, 5],
  ['nested depth 2', (u, _p, w) => u.find(w).populate('pets.toys'), 4, 4],
  ['nested depth 3', (u, _p, w) => u.find(w).populate('pets.toys.maker'), 5, 6],
  ['nested depth 3, many-to-many first', (u, _p, w) => u.find(w).populate('likes.toys.maker'), 5, 7],
];

for (const base of testDatastores()) {
  for (const mode of [{ label: base.name, datastore: base, native: true }, { label: `${base.name} without join`, ...withoutJoin(base), native: false }]) {
    describe(`populate statement counts on ${mode.label}`, () => {
      const log = logStatements(mode.datastore);
      let zoo: Zoo;
      beforeAll(async () => {
        zoo = await liftZoo(log.datastore, 'adapters' in mode ? { adapters: mode.adapters } : {});
        // Many more parents, each with children at every level.
        const users = await zoo.model('user').createEach(Array.from({ length: EXTRA }, (_, i) => ({ name: `u${i}` }))).fetch();
        const pets = await zoo.model('pet').createEach(users.map((u, i) => ({ name: `p${i}`, owner: u.id, keeper: u.id }))).fetch();
        await zoo.model('toy').createEach(pets.map((p, i) => ({ name: `t${i}`, pet: p.id, maker: zoo.ids.acme }))).fetch();
        await zoo.model(LIKES).createEach(users.map((u, i) => ({ user_likes: u.id, pet_fans: pets[i]!.id })));
      });
      afterAll(() => zoo.teardown());

      it('reports every statement through onStatement', async () => {
        const count = await countStatements(log, () => zoo.model('user').find());
        expect(count, `the ${base.name} adapter must call the datastore's onStatement once per statement`).toBe(1);
        expect(log.sql[0]).toMatch(/^SELECT /i);
      });

      for (const [name, query, native, fallback] of CASES) {
        it(`${name}: ${mode.native ? native : fallback} statements for 1 parent and for ${EXTRA + 4}`, async () => {
          const [user, pet] = [zoo.model('user'), zoo.model('pet')];
          const expected = mode.native ? native : fallback;
          expect(await countStatements(log, () => query(user, pet, { name: ['bob', 'rex'] })), log.sql.join('\n')).toBe(expected);
          expect(await countStatements(log, () => query(user, pet, {})), log.sql.join('\n')).toBe(expected);
        });
      }

      it('sends no child statement when no parent matches', async () => {
        expect(await countStatements(log, () => zoo.model('user').find({ name: 'nobody' }).populate('pets.toys').populate('likes'))).toBe(1);
      });
    });
  }
}
