/** queries.md §2 and §8: where-clause structure, universal/void propagation, the probed shape. */
import { afterEach, beforeEach, describe, expect, it, type MockInstance } from 'vitest';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import { expectUsageError, spyOnWarnings } from './expect-error.js';
import { DEFAULTS, ontology, user } from './fixtures.js';

const where = (clause: unknown) => normalizeCriteria({ where: clause }, user, ontology, 'find').where;

let warn: MockInstance<(...args: unknown[]) => void>;
beforeEach(() => {
  warn = spyOnWarnings();
});
afterEach(() => {
  warn.mockRestore();
});

describe('where clause forms', () => {
  it('undefined is {}; null is {} with a warning', () => {
    expect(where(undefined)).toEqual({});
    expect(warn).not.toHaveBeenCalled();
    expect(where(null)).toEqual({});
    expect(warn).toHaveBeenCalledOnce();
  });

  it('a string, number or array is a primary key constraint', () => {
    expect(where(3)).toEqual({ id: 3 });
    expect(where('3')).toEqual({ id: 3 });
    expect(where([3, 4])).toEqual({ id: { in: [3, 4] } });
  });

  it.each([true, () => ({}), new Date(0)])('%s is refused', (value) => {
    expectUsageError(() => where(value), 'E_INVALID_CRITERIA', '`user`', '`where` clause must be a dictionary');
  });
});

describe('branches', () => {
  it('keys with undefined values are dropped (so `{id: undefined}` matches everything on reads)', () => {
    expect(where({ id: undefined })).toEqual({});
    expect(where({ id: undefined, name: 'a' })).toEqual({ name: 'a' });
  });

  it('a single constraint stays unwrapped', () => {
    expect(where({ id: 7 })).toEqual({ id: 7 });
  });

  it('several keys are fractured into `and`, keeping key order', () => {
    expect(where({ name: 'a', age: 3 })).toEqual({ and: [{ name: 'a' }, { age: 3 }] });
    expect(where({ or: [{ name: 'a' }], age: 3 })).toEqual({ and: [{ or: [{ name: 'a' }] }, { age: 3 }] });
  });

  it('several modifiers on one attribute are fractured into `and` in place', () => {
    expect(where({ age: { '>': 1, '<': 9 } })).toEqual({ and: [{ age: { '>': 1 } }, { age: { '<': 9 } }] });
  });

  it('`and`/`or` need an array of dictionaries; undefined items are dropped', () => {
    expectUsageError(() => where({ and: { name: 'a' } }), 'E_INVALID_CRITERIA', '`and` must be given an array');
    expectUsageError(() => where({ or: 'x' }), 'E_INVALID_CRITERIA', '`or` must be given an array');
    expectUsageError(() => where({ or: [{ name: 'a' }, 'b'] }), 'E_INVALID_CRITERIA', 'each item of an `or` array must be a dictionary');
    expectUsageError(() => where({ and: [[{ name: 'a' }]] }), 'E_INVALID_CRITERIA', 'each item of an `and` array');
    expect(where({ or: [{ name: 'a' }, undefined, { name: 'b' }] })).toEqual({ or: [{ name: 'a' }, { name: 'b' }] });
  });

  it('nested predicates keep their shape', () => {
    expect(where({ or: [{ and: [{ name: 'a' }, { age: 2 }] }, { name: 'b', age: 3 }] })).toEqual({
      or: [{ and: [{ name: 'a' }, { age: 2 }] }, { and: [{ name: 'b' }, { age: 3 }] }],
    });
  });

  it('nesting deeper than 25 levels is refused as circular', () => {
    let deep: Record<string, unknown> = { name: 'a' };
    for (let i = 0; i < 26; i++) deep = { and: [deep] };
    expectUsageError(() => where(deep), 'E_INVALID_CRITERIA', '`user`', 'circular');
    const circular: { or: unknown[] } = { or: [] };
    circular.or.push(circular);
    expectUsageError(() => where(circular), 'E_INVALID_CRITERIA', 'circular');
    let ok: Record<string, unknown> = { name: 'a' };
    for (let i = 0; i < 25; i++) ok = { and: [ok] };
    expect(() => where(ok)).not.toThrow();
  });
});

describe('universal and void propagation', () => {
  const universals: ReadonlyArray<readonly [string, unknown]> = [
    ['{}', {}],
    ['{and: []}', { and: [] }],
    ['nin: []', { name: { nin: [] } }],
    ["contains: ''", { name: { contains: '' } }],
    ["startsWith: ''", { name: { startsWith: '' } }],
    ["endsWith: ''", { name: { endsWith: '' } }],
    ["like: '%%'", { name: { like: '%%' } }],
  ];
  const voids: ReadonlyArray<readonly [string, unknown]> = [
    ['{or: []}', { or: [] }],
    ['in: []', { name: { in: [] } }],
    ['[] shorthand', { name: [] }],
  ];

  it.each(universals)('universal %s: removed inside `and`', (_label, item) => {
    expect(where({ and: [{ name: 'a' }, item] })).toEqual({ and: [{ name: 'a' }] });
  });
  it.each(universals)('universal %s: makes an `or` universal', (_label, item) => {
    expect(where({ or: [{ name: 'a' }, item] })).toEqual({});
  });
  it.each(universals)('universal %s: at the top, where becomes {}', (_label, item) => {
    expect(where(item)).toEqual({});
  });

  it.each(voids)('void %s: makes an `and` void', (_label, item) => {
    expectUsageError(() => where({ and: [{ name: 'a' }, item] }), 'E_NOOP', '`user`');
  });
  it.each(voids)('void %s: removed inside `or`', (_label, item) => {
    expect(where({ or: [{ name: 'a' }, item] })).toEqual({ or: [{ name: 'a' }] });
  });
  it.each(voids)('void %s: at the top, E_NOOP', (_label, item) => {
    expectUsageError(() => where(item), 'E_NOOP', '`user`');
  });

  it('removals re-evaluate upward', () => {
    expect(where({ and: [{ and: [{}] }, { name: 'a' }] })).toEqual({ and: [{ name: 'a' }] });
    expectUsageError(() => where({ and: [{ or: [{ name: { in: [] } }] }, { name: 'a' }] }), 'E_NOOP');
    expect(where({ or: [{ and: [{ name: { nin: [] } }] }, { name: 'a' }] })).toEqual({});
    expect(where({ age: { nin: [], '>': 1 } })).toEqual({ and: [{ age: { '>': 1 } }] });
    expectUsageError(() => where({ age: { in: [], '>': 1 } }), 'E_NOOP');
  });

  it("probed: {and:[{name:'a'},{},{or:[]}]} is E_NOOP", () => {
    expectUsageError(() => where({ and: [{ name: 'a' }, {}, { or: [] }] }), 'E_NOOP');
  });

  it("probed: {or:[{name:'a'},{}]} is {}", () => {
    expect(where({ or: [{ name: 'a' }, {}] })).toEqual({});
  });
});

describe('the probed stage-2 example (queries.md §8)', () => {
  it('normalises find({...}) exactly', () => {
    const criteria = normalizeCriteria(
      { name: 'bob', age: { '>': 5, '<': '10' }, or: [{ active: 'true' }, { data: null }], id: ['3', '4'] },
      user,
      ontology,
      'find',
    );
    expect(criteria).toEqual({
      where: {
        and: [
          { name: 'bob' },
          { and: [{ age: { '>': 5 } }, { age: { '<': 10 } }] },
          { or: [{ active: true }, { data: null }] },
          { id: { in: [3, 4] } },
        ],
      },
      limit: 9007199254740991,
      skip: 0,
      sort: [],
      select: ['*'],
      omit: [],
    });
    expect(criteria).toEqual({ ...DEFAULTS, where: criteria.where });
  });
});
