/** associations.md §4: populate rules. */
import { describe, expect, it } from 'vitest';
import type { Criteria, MethodName } from '../../../src/query/shapes.js';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import { normalizePopulates } from '../../../src/query/stage2/normalize-populates.js';
import { expectUsageError } from './expect-error.js';
import { DEFAULTS, MAX, ontology, user } from './fixtures.js';

const parent = (criteria: unknown = {}): Criteria => normalizeCriteria(criteria, user, ontology, 'find');
const populate = (populates: Record<string, unknown>, criteria: Criteria = parent(), method: MethodName = 'find') =>
  normalizePopulates(populates, criteria, user, ontology, method);

describe('populates', () => {
  it('matches the §8 stage-2 example: plural criteria, singular true, never-matching plural false', () => {
    const { populates } = populate({ pets: { where: { name: 'x' }, limit: 2 }, pet: true, tags: { where: { label: [] } } });
    expect(populates).toEqual({
      pets: { where: { name: 'x' }, limit: 2, skip: 0, sort: [], select: ['*'], omit: [] },
      pet: true,
      tags: false,
    });
  });

  it('false and undefined mean "not populated"', () => {
    expect(populate({ pets: false, pet: undefined }).populates).toEqual({});
  });

  it('only find, findOne and stream populate', () => {
    expect(populate({ pet: true }, parent({ id: 1 }), 'findOne').populates).toEqual({ pet: true });
    expect(populate({ pet: true }, parent(), 'stream').populates).toEqual({ pet: true });
    expectUsageError(() => populate({ pet: true }, parent(), 'count'), 'E_INVALID_POPULATES', '`user`', '`pet`', '`count`');
  });

  it('refuses unknown attributes and non-associations', () => {
    expectUsageError(() => populate({ friends: true }), 'E_INVALID_POPULATES', '`user`', '`friends`', 'no attribute');
    expectUsageError(() => populate({ name: true }), 'E_INVALID_POPULATES', '`user`', '`name`', 'not an association');
  });

  describe('nested paths', () => {
    it('populate each level, implying the prefix, with the subcriteria on the last segment', () => {
      const result = populate({ 'pets.owner': true, 'pets.tag': {} });
      expect(result.populates).toEqual({ pets: DEFAULTS });
      expect(result.nested).toEqual({ pets: { populates: { owner: true, tag: true }, nested: {} } });
      const deep = populate({ 'pet.owner.pets': { where: { name: 'x' }, limit: 1 } });
      expect(deep.populates).toEqual({ pet: true });
      expect(deep.nested).toEqual({
        pet: { populates: { owner: true }, nested: { owner: { populates: { pets: { ...DEFAULTS, where: { name: 'x' }, limit: 1 } }, nested: {} } } },
      });
    });

    it('merge with an explicit populate of the prefix, in any order', () => {
      const a = populate({ 'pets.owner': true, pets: { sort: 'name', select: ['name', 'owner'] } });
      const b = populate({ pets: { sort: 'name', select: ['name', 'owner'] }, 'pets.owner': true });
      for (const result of [a, b]) {
        // `owner` leaves the child select, as a populated attribute leaves the parent's.
        expect(result.populates).toEqual({ pets: { ...DEFAULTS, sort: [{ name: 'ASC' }], select: ['name', 'id'] } });
        expect(result.nested).toEqual({ pets: { populates: { owner: true }, nested: {} } });
      }
    });

    it('name the full path and the level model in errors', () => {
      expectUsageError(() => populate({ 'pets.nope': true }), 'E_INVALID_POPULATES', '`user`', '`pets.nope`', 'no attribute `nope` of `pet`');
      expectUsageError(() => populate({ 'pets.name': true }), 'E_INVALID_POPULATES', '`pets.name`', 'not an association');
      expectUsageError(() => populate({ 'pets.owner': { where: { name: 'x' } } }), 'E_INVALID_POPULATES', '`pets.owner`', 'singular association');
      expectUsageError(() => populate({ 'pet.owner.tags': { where: { shade: 'x' } } }), 'E_INVALID_POPULATES', '`pet.owner.tags`', '`shade`');
      expectUsageError(() => populate({ 'pets..owner': true }), 'E_INVALID_POPULATES', '`pets..owner`', 'joined by dots');
      expectUsageError(() => populate({ pets: { omit: ['owner'] }, 'pets.owner': true }), 'E_INVALID_POPULATES', '`pets.owner`', 'subcriteria of `pets` also omits');
    });

    it('still check deeper paths under a never-matching populate, then drop them', () => {
      expect(populate({ pets: { limit: 0 }, 'pets.owner': true })).toMatchObject({ populates: { pets: false }, nested: {} });
      expectUsageError(() => populate({ pets: { limit: 0 }, 'pets.nope': true }), 'E_INVALID_POPULATES', '`pets.nope`');
    });
  });

  describe('singular associations', () => {
    it('accept true or {}', () => {
      expect(populate({ pet: true }).populates).toEqual({ pet: true });
      expect(populate({ pet: {} }).populates).toEqual({ pet: true });
    });

    it.each([{ select: ['name'] }, { where: { name: 'x' } }, 'x', 3, null])('refuse the subcriteria %j', (subcriteria) => {
      expectUsageError(() => populate({ pet: subcriteria }), 'E_INVALID_POPULATES', '`user`', '`pet`', 'singular association');
    });
  });

  describe('has-one associations', () => {
    const withBuddy = { ...user, attributes: { ...user.attributes, buddy: { kind: 'collection', name: 'buddy', collection: 'pet', via: 'owner', hasOne: true, extras: {} } } } as const;
    const populateBuddy = (subcriteria: unknown) => normalizePopulates({ buddy: subcriteria }, parent(), withBuddy, ontology, 'find').populates;

    it('accept true or {}, like a singular association', () => {
      expect(populateBuddy(true)).toEqual({ buddy: true });
      expect(populateBuddy({})).toEqual({ buddy: true });
    });

    it.each([{ where: { name: 'x' } }, { limit: 1 }, 'x'])('refuse the subcriteria %j', (subcriteria) => {
      expectUsageError(() => populateBuddy(subcriteria), 'E_INVALID_POPULATES', '`user`', '`buddy`', 'a has-one (to `pet`)');
    });
  });

  describe('plural associations', () => {
    it('true means {} normalised for the target model', () => {
      expect(populate({ pets: true }).populates).toEqual({ pets: DEFAULTS });
    });

    it('normalise full criteria for the target, where-shorthand included', () => {
      expect(populate({ pets: { name: 'rex' } }).populates.pets).toEqual({ ...DEFAULTS, where: { name: 'rex' } });
      expect(populate({ pets: { where: { owner: '3' }, sort: 'name DESC', skip: '1', select: ['name'] } }).populates.pets).toEqual({
        where: { owner: 3 },
        limit: MAX,
        skip: 1,
        sort: [{ name: 'DESC' }],
        select: ['name', 'id'],
        omit: [],
      });
    });

    it('turn subcriteria errors into E_INVALID_POPULATES naming the association and target', () => {
      const error = expectUsageError(() => populate({ pets: { where: { nickname: 'x' } } }), 'E_INVALID_POPULATES', '`user`', '`pets`', '`pet`', '`nickname`');
      expect(error.modelIdentity).toBe('user');
      expectUsageError(() => populate({ pets: { omit: ['id'] } }), 'E_INVALID_POPULATES', '`pets`', 'primary key');
    });

    it('become false when the subcriteria can never match', () => {
      expect(populate({ pets: { limit: 0 } }).populates).toEqual({ pets: false });
      expect(populate({ pets: { where: { id: [] } } }).populates).toEqual({ pets: false });
      expect(populate({ pets: false }).populates).toEqual({});
    });
  });

  describe('interaction with the parent criteria', () => {
    it('refuses populating an attribute the parent omits or sorts by', () => {
      expectUsageError(() => populate({ pet: true }, parent({ where: {}, omit: ['pet'] })), 'E_INVALID_POPULATES', '`user`', '`pet`', 'omits');
      expectUsageError(() => populate({ pet: true }, parent({ where: {}, sort: 'pet DESC' })), 'E_INVALID_POPULATES', '`pet`', 'sorts by');
    });

    it('removes a populated attribute from the parent select, without touching the input', () => {
      const criteria = parent({ where: {}, select: ['name', 'pet'] });
      const result = populate({ pet: true }, criteria);
      expect(result.criteria).toEqual({ ...criteria, select: ['name', 'id'] });
      expect(criteria.select).toEqual(['name', 'pet', 'id']);
      expect(populate({ pet: true }).criteria.select).toEqual(['*']);
    });
  });
});
