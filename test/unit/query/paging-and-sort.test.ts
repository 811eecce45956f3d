/** queries.md §5 (limit, skip) and §6 (sort). */
import { afterEach, beforeEach, describe, expect, it, type MockInstance } from 'vitest';
import type { QueryMeta } from '../../../src/query/shapes.js';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import type { ModelOntology } from '../../../src/schema/ontology.js';
import { expectUsageError, spyOnWarnings } from './expect-error.js';
import { MAX, note, ontology, user } from './fixtures.js';

const normalize = (criteria: Record<string, unknown>, model: ModelOntology = user, meta?: QueryMeta) =>
  normalizeCriteria({ where: {}, ...criteria }, model, ontology, 'find', meta);
const sort = (clause: unknown, model: ModelOntology = user, meta?: QueryMeta) => normalize({ sort: clause }, model, meta).sort;

let warn: MockInstance<(...args: unknown[]) => void>;
beforeEach(() => {
  warn = spyOnWarnings();
});
afterEach(() => {
  warn.mockRestore();
});

describe('limit', () => {
  it.each([
    [undefined, MAX],
    ['5', 5],
    [null, MAX],
    [Infinity, MAX],
    [7, 7],
    [MAX, MAX],
  ])('%s → %s', (input, expected) => {
    expect(normalize({ limit: input }).limit).toBe(expected);
    expect(warn).not.toHaveBeenCalled();
  });

  it('0 is E_NOOP', () => {
    expectUsageError(() => normalize({ limit: 0 }), 'E_NOOP', '`user`', '`limit: 0`');
    expectUsageError(() => normalize({ limit: '0' }), 'E_NOOP');
  });

  it('a negative limit means no limit, with a deprecation warning', () => {
    expect(normalize({ limit: -1 }).limit).toBe(MAX);
    expect(normalize({ limit: '-3' }).limit).toBe(MAX);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it.each([1.5, Number.NaN, MAX + 2, 'abc', true, {}])('%s is refused', (input) => {
    expectUsageError(() => normalize({ limit: input }), 'E_INVALID_CRITERIA', '`user`', '`limit`');
  });
});

describe('skip', () => {
  it.each([
    [undefined, 0],
    ['5', 5],
    [0, 0],
    [12, 12],
  ])('%s → %s', (input, expected) => {
    expect(normalize({ skip: input }).skip).toBe(expected);
  });

  it.each([null, Infinity, -1, '-2', 1.5, Number.NaN, MAX + 2, 'abc'])('%s is refused', (input) => {
    expectUsageError(() => normalize({ skip: input }), 'E_INVALID_CRITERIA', '`user`', '`skip`');
  });
});

describe('sort', () => {
  it('undefined, [] and {} impose no order (no default pk sort)', () => {
    expect(sort(undefined)).toEqual([]);
    expect(sort([])).toEqual([]);
    expect(sort({})).toEqual([]);
  });

  it('strings: name, name asc, name desc', () => {
    expect(sort('name')).toEqual([{ name: 'ASC' }]);
    expect(sort('name desc')).toEqual([{ name: 'DESC' }]);
    expect(sort('age   ASC')).toEqual([{ age: 'ASC' }]);
  });

  it('strings with more than two pieces are refused', () => {
    expectUsageError(() => sort('name ASC, age DESC'), 'E_INVALID_CRITERIA', '`user`', '`sort`');
    expectUsageError(() => sort(' name desc'), 'E_INVALID_CRITERIA', '`sort`');
  });

  it('arrays mix strings and one-key dictionaries; directions are upper-cased', () => {
    expect(sort(['name', { age: 'desc' }, 'pet DESC'])).toEqual([{ name: 'ASC' }, { age: 'DESC' }, { pet: 'DESC' }]);
  });

  it('Mongo-style dictionaries are accepted with a warning', () => {
    expect(sort({ age: -1, name: 1 })).toEqual([{ age: 'DESC' }, { name: 'ASC' }]);
    expect(warn).toHaveBeenCalledOnce();
    expectUsageError(() => sort({ age: -1, name: 2 }), 'E_INVALID_CRITERIA', '`name`', 'Mongo-style');
    expectUsageError(() => sort({ age: 'ASC', name: -1 }), 'E_INVALID_CRITERIA', '`age`');
  });

  it("a one-key dictionary with a string value must be wrapped in an array", () => {
    expectUsageError(() => sort({ name: 'ASC' }), 'E_INVALID_CRITERIA', '`user`', 'wrap it in an array');
  });

  it('refuses bad directions, shapes, targets and duplicates', () => {
    expectUsageError(() => sort([{ name: 'UP' }]), 'E_INVALID_CRITERIA', '`name`', 'ASC or DESC');
    expectUsageError(() => sort([{ name: 1 }]), 'E_INVALID_CRITERIA', 'ASC or DESC');
    expectUsageError(() => sort([{ name: 'ASC', age: 'DESC' }]), 'E_INVALID_CRITERIA', 'exactly one key');
    expectUsageError(() => sort([{}]), 'E_INVALID_CRITERIA', 'exactly one key');
    expectUsageError(() => sort([5]), 'E_INVALID_CRITERIA', '`sort`');
    expectUsageError(() => sort(5), 'E_INVALID_CRITERIA', '`sort`');
    expectUsageError(() => sort(null), 'E_INVALID_CRITERIA', '`sort`');
    expectUsageError(() => sort('nickname'), 'E_INVALID_CRITERIA', '`nickname`', 'not an attribute');
    expectUsageError(() => sort('pets'), 'E_INVALID_CRITERIA', '`pets`', 'plural association');
    expectUsageError(() => sort(['name', 'name DESC']), 'E_INVALID_CRITERIA', '`name`', 'more than once');
  });

  it('schemaless models sort by valid undeclared names', () => {
    expect(sort('mood DESC', note)).toEqual([{ mood: 'DESC' }]);
    expectUsageError(() => sort('toJSON', note), 'E_INVALID_CRITERIA', '`note`', 'not a valid attribute name');
  });

  it('dot notation only with enableExperimentalDeepTargets on json/ref', () => {
    expectUsageError(() => sort('data.city'), 'E_INVALID_CRITERIA', 'enableExperimentalDeepTargets');
    expect(sort('data.city DESC', user, { enableExperimentalDeepTargets: true })).toEqual([{ 'data.city': 'DESC' }]);
    expectUsageError(() => sort('name.first', user, { enableExperimentalDeepTargets: true }), 'E_INVALID_CRITERIA', 'not a `json` or `ref`');
  });
});
