/** queries.md §1: top-level criteria forms and which clauses each method accepts. */
import { afterEach, beforeEach, describe, expect, it, type MockInstance } from 'vitest';
import { UsageError } from '../../../src/errors/usage-error.js';
import type { MethodName } from '../../../src/query/shapes.js';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import { expectUsageError, spyOnWarnings } from './expect-error.js';
import { DEFAULTS, ontology, user } from './fixtures.js';

const normalize = (criteria: unknown, method: MethodName = 'find') => normalizeCriteria(criteria, user, ontology, method);

let warn: MockInstance<(...args: unknown[]) => void>;
beforeEach(() => {
  warn = spyOnWarnings();
});
afterEach(() => {
  warn.mockRestore();
});

describe('top-level criteria forms', () => {
  it('undefined becomes {} for reads', () => {
    expect(normalize(undefined)).toEqual(DEFAULTS);
    expect(normalize(undefined, 'count')).toEqual(DEFAULTS);
  });

  it.each(['update', 'destroy', 'archive'] as const)('undefined is refused by %s (pass {} to hit all rows)', (method) => {
    expectUsageError(() => normalize(undefined, method), 'E_INVALID_CRITERIA', '`user`', method, '`{}`');
    expect(normalize({}, method)).toEqual(DEFAULTS);
  });

  it('false is E_NOOP', () => {
    expectUsageError(() => normalize(false), 'E_NOOP', '`user`');
  });

  it.each([null, 0, '', Number.NaN])('other falsy %s is {} with a deprecation warning', (value) => {
    expect(normalize(value)).toEqual(DEFAULTS);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('a string or number is a primary key; an array is `in`', () => {
    expect(normalize(7).where).toEqual({ id: 7 });
    expect(normalize('7').where).toEqual({ id: 7 });
    expect(normalize([1, '2']).where).toEqual({ id: { in: [1, 2] } });
  });

  it.each([() => 1, true, Symbol('x'), new Date(0), new Map()])('%s is not a criteria', (value) => {
    expectUsageError(() => normalize(value), 'E_INVALID_CRITERIA', '`user`', 'dictionary');
  });

  it.each(['groupBy', 'sum', 'average', 'min', 'max'])('`%s` raises a plain Error naming the clause', (clause) => {
    let caught: unknown;
    try {
      normalize({ where: {}, [clause]: 'age' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).not.toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(/^Consistency violation/);
    expect((caught as Error).message).toContain(`\`${clause}\``);
  });

  it('a dictionary without clause keys is the where clause', () => {
    expect(normalize({ name: 'x' })).toEqual(normalize({ where: { name: 'x' } }));
    expect(normalize({ name: 'x' }).where).toEqual({ name: 'x' });
  });

  it('beside clause keys, other keys are dropped when undefined and refused otherwise', () => {
    expect(normalize({ where: { name: 'x' }, extra: undefined }).where).toEqual({ name: 'x' });
    expectUsageError(() => normalize({ name: 'x', limit: 2 }), 'E_INVALID_CRITERIA', '`user`', 'unrecognized property `name`', 'into `where`');
    expectUsageError(() => normalize({ where: {}, foo: 1 }), 'E_INVALID_CRITERIA', 'unrecognized property `foo`');
  });

  it('always yields exactly where, limit, skip, sort, select, omit', () => {
    expect(Object.keys(normalize({ name: 'x' })).sort()).toEqual(['limit', 'omit', 'select', 'skip', 'sort', 'where']);
  });

  it('does not modify its input', () => {
    const input = { where: { name: 'x', age: { '>': '3', '<': 9 } }, sort: 'name desc', select: ['name'] };
    const copy = structuredClone(input);
    normalize(input);
    expect(input).toEqual(copy);
  });
});

describe('which clauses each method may receive', () => {
  it.each(['count', 'sum', 'avg', 'update', 'updateOne', 'destroy', 'destroyOne', 'archive', 'archiveOne', 'findOrCreate'] as const)(
    'select/omit are refused by %s',
    (method) => {
      expectUsageError(() => normalize({ where: { id: 1 }, select: ['name'] }, method), 'E_INVALID_CRITERIA', `\`${method}\``, '`select`/`omit`');
      expectUsageError(() => normalize({ where: { id: 1 }, omit: ['name'] }, method), 'E_INVALID_CRITERIA', '`select`/`omit`');
    },
  );

  it.each(['findOne', 'count', 'sum', 'avg', 'update', 'destroy', 'archive', 'findOrCreate'] as const)('limit/skip/sort are refused by %s', (method) => {
    for (const clause of [{ limit: 1 }, { skip: 1 }, { sort: 'name' }]) {
      expectUsageError(() => normalize({ where: { id: 1 }, ...clause }, method), 'E_INVALID_CRITERIA', `\`${method}\``, '`limit`, `skip` or `sort`');
    }
  });

  it('find and stream take every clause; findOne takes select/omit', () => {
    const all = { where: { id: 1 }, limit: 3, skip: 1, sort: 'name', select: ['name'] };
    expect(normalize(all, 'stream')).toEqual(normalize(all, 'find'));
    expect(normalize({ where: { id: 1 }, omit: ['name'] }, 'findOne').omit).toEqual(['name']);
  });
});

describe('single-record methods', () => {
  it.each(['findOne', 'updateOne', 'destroyOne', 'archiveOne'] as const)('%s rejects a where clause that matches everything', (method) => {
    expectUsageError(() => normalize({}, method), 'E_INVALID_CRITERIA', '`user`', 'too broad');
    expectUsageError(() => normalize(undefined, method), 'E_INVALID_CRITERIA', 'too broad');
    expectUsageError(() => normalize({ or: [{ name: 'a' }, {}] }, method), 'E_INVALID_CRITERIA', 'too broad');
  });

  it('findOne fetches at most two records', () => {
    expect(normalize({ name: 'x' }, 'findOne')).toEqual({ ...DEFAULTS, where: { name: 'x' }, limit: 2 });
    expect(normalize({ name: 'x' }, 'updateOne').limit).toBe(Number.MAX_SAFE_INTEGER);
  });
});
