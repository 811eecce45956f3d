/** The whole criteria language against real rows: every modifier, and/or, select/omit, limit/skip, every sort form. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveModel, WaterlineRecord } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

const PEOPLE = [
  { name: 'alice', age: 31, active: true, city: 'Oslo', note: '100% sure' },
  { name: 'bob', age: 27, active: false, city: 'Bergen', note: 'a_b' },
  { name: 'carol', age: 45, active: true, city: 'Oslo', note: 'axb' },
  { name: 'dave', age: 27, active: true, city: null, note: 'plain' },
  { name: 'erin', age: 19, active: false, city: 'Tromsø', note: '100 percent' },
];

const names = (records: WaterlineRecord[]): unknown[] => records.map((r) => r.name);

for (const datastore of testDatastores()) {
  describe(`query language on ${datastore.name}`, () => {
    let orm: Lifted;
    let Person: LiveModel;
    beforeAll(async () => {
      orm = await lift(datastore, {
        person: {
          attributes: {
            name: { type: 'string', required: true },
            age: { type: 'number' },
            active: { type: 'boolean' },
            city: { type: 'string', allowNull: true },
            note: { type: 'string', columnName: 'note_text' },
          },
        },
      });
      Person = orm.models.person!;
      await Person.createEach(PEOPLE);
    });
    afterAll(() => orm.teardown());

    const find = async (criteria: unknown): Promise<unknown[]> => names(await Person.find(criteria).sort('name ASC'));

    it('where shorthands: a primary key, an array of them, a dictionary', async () => {
      const all = await Person.find({ sort: 'name ASC' });
      const [a, b] = [all[0]!.id, all[1]!.id];
      expect(names(await Person.find(a))).toEqual(['alice']);
      expect(names(await Person.find([a, b]).sort('name'))).toEqual(['alice', 'bob']);
      expect(await find({ name: 'carol' })).toEqual(['carol']);
      expect(await find({ where: { name: 'carol' } })).toEqual(['carol']);
      expect(await find({ age: '27' })).toEqual(['bob', 'dave']);
    });

    it('comparison modifiers < <= > >= != on numbers and strings', async () => {
      expect(await find({ age: { '<': 27 } })).toEqual(['erin']);
      expect(await find({ age: { '<=': 27 } })).toEqual(['bob', 'dave', 'erin']);
      expect(await find({ age: { '>': 31 } })).toEqual(['carol']);
      expect(await find({ age: { '>=': 31 } })).toEqual(['alice', 'carol']);
      expect(await find({ age: { '!=': 27 } })).toEqual(['alice', 'carol', 'erin']);
      expect(await find({ name: { '>': 'carol' } })).toEqual(['dave', 'erin']);
      expect(await find({ age: { '>': 20, '<': 40 } })).toEqual(['alice', 'bob', 'dave']);
    });

    it('null equality and != null', async () => {
      expect(await find({ city: null })).toEqual(['dave']);
      expect(await find({ city: { '!=': null } })).toEqual(['alice', 'bob', 'carol', 'erin']);
    });

    it('in and nin, including empty lists', async () => {
      expect(await find({ name: { in: ['alice', 'erin', 'zed'] } })).toEqual(['alice', 'erin']);
      expect(await find({ name: ['alice', 'bob'] })).toEqual(['alice', 'bob']);
      expect(await find({ name: { nin: ['alice', 'erin'] } })).toEqual(['bob', 'carol', 'dave']);
      expect(await find({ name: { in: [] } })).toEqual([]);
      expect(await find({ name: { nin: [] } })).toHaveLength(5);
      expect(await find({ age: { '!=': [27, 31] } })).toEqual(['carol', 'erin']);
    });

    it('contains, startsWith, endsWith and like, with % and _ taken literally', async () => {
      expect(await find({ name: { contains: 'a' } })).toEqual(['alice', 'carol', 'dave']);
      expect(await find({ name: { startsWith: 'ca' } })).toEqual(['carol']);
      expect(await find({ name: { endsWith: 'e' } })).toEqual(['alice', 'dave']);
      expect(await find({ name: { like: '%o%' } })).toEqual(['bob', 'carol']);
      expect(await find({ note: { contains: '100%' } })).toEqual(['alice']);
      expect(await find({ note: { contains: 'a_b' } })).toEqual(['bob']);
      expect(await find({ note: { startsWith: '100' } })).toEqual(['alice', 'erin']);
    });

    it('and / or, nested', async () => {
      expect(await find({ or: [{ name: 'alice' }, { age: { '<': 20 } }] })).toEqual(['alice', 'erin']);
      expect(await find({ and: [{ active: true }, { city: 'Oslo' }] })).toEqual(['alice', 'carol']);
      expect(await find({ or: [{ and: [{ active: false }, { age: { '>': 20 } }] }, { name: 'carol' }] })).toEqual(['bob', 'carol']);
      expect(await find({ active: 'true', or: [{ city: 'Oslo' }, { city: null }] })).toEqual(['alice', 'carol', 'dave']);
      expect(await find({ or: [{ name: 'alice' }, {}] })).toHaveLength(5);
      expect(await find({ and: [{ name: 'alice' }, { or: [] }] })).toEqual([]);
    });

    it('select and omit (the primary key always comes back)', async () => {
      const [selected] = await Person.find({ where: { name: 'alice' }, select: ['age'] });
      expect(Object.keys(selected!).sort()).toEqual(['age', 'id']);
      const [omitted] = await Person.find({ name: 'alice' }).omit(['note', 'city']);
      expect(omitted).not.toHaveProperty('note');
      expect(omitted).not.toHaveProperty('city');
      expect(omitted).toHaveProperty('age', 31);
      const [pkOnly] = await Person.find({ where: { name: 'alice' }, select: [] });
      expect(Object.keys(pkOnly!)).toEqual(['id']);
    });

    it('limit and skip, as clauses and as modifiers', async () => {
      expect(names(await Person.find({ sort: 'name', limit: 2 }))).toEqual(['alice', 'bob']);
      expect(names(await Person.find({ sort: 'name', limit: 2, skip: 2 }))).toEqual(['carol', 'dave']);
      expect(names(await Person.find().sort('name').skip(4))).toEqual(['erin']);
      expect(await Person.find().limit(0)).toEqual([]);
      expect(names(await Person.find().sort('name').paginate(1, 2))).toEqual(['carol', 'dave']);
    });

    it('every sort form', async () => {
      expect(names(await Person.find().sort('age'))).toEqual(['erin', expect.any(String), expect.any(String), 'alice', 'carol']);
      expect(names(await Person.find().sort('name DESC'))).toEqual(['erin', 'dave', 'carol', 'bob', 'alice']);
      expect(names(await Person.find().sort([{ age: 'DESC' }, 'name']))).toEqual(['carol', 'alice', 'bob', 'dave', 'erin']);
      expect(names(await Person.find().sort(['age asc', { name: 'desc' }]))).toEqual(['erin', 'dave', 'bob', 'alice', 'carol']);
      expect(names(await Person.find({ sort: { age: -1, name: 1 } }))).toEqual(['carol', 'alice', 'bob', 'dave', 'erin']);
      expect(names(await Person.find().sort('note'))).toEqual(['erin', 'alice', 'bob', 'carol', 'dave']);
    });

    it('count and findOne', async () => {
      expect(await Person.count({ active: true })).toBe(3);
      expect(await Person.count()).toBe(5);
      expect(await Person.findOne({ name: 'bob' })).toMatchObject({ name: 'bob', age: 27, active: false, city: 'Bergen' });
      expect(await Person.findOne({ name: 'nobody' })).toBeUndefined();
      await expect(Person.findOne({ age: 27 })).rejects.toThrow(/More than one matching record/);
    });

    it('rejects malformed criteria with E_INVALID_CRITERIA before touching the database', async () => {
      const bad: unknown[] = [
        { age: { '>': null } },
        { age: { regexp: 'x' } },
        { nosuch: 1 },
        { age: 'abc' },
        { name: { like: 5 } },
        { age: { contains: '1' } },
        { name: 'x', limit: 2 },
        { sort: 'name sideways' },
        { sort: 'a ASC, b DESC' },
        { select: ['*', 'name'] },
        { omit: ['id'] },
        { limit: 1.5 },
        { skip: -1 },
        { where: { or: {} } },
        { where: () => 1 },
      ];
      for (const criteria of bad) {
        await expect(Person.find(criteria), JSON.stringify(criteria)).rejects.toMatchObject({ name: 'UsageError', code: 'E_INVALID_CRITERIA' });
      }
      expect(await Person.count()).toBe(5);
    });
  });
}
