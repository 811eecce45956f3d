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

  it('refuses nested paths for now', () => {
    expectUsageError(() => populate({ 'pet.owner': true }), 'E_INVALID_POPULATES', '`user`', '`pet.owner`', 'nested populate');
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
