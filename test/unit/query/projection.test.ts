/** queries.md §4: select and omit. */
import { describe, expect, it } from 'vitest';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import type { ModelOntology } from '../../../src/schema/ontology.js';
import { expectUsageError } from './expect-error.js';
import { note, ontology, user } from './fixtures.js';

const normalize = (criteria: Record<string, unknown>, model: ModelOntology = user) =>
  normalizeCriteria({ where: {}, ...criteria }, model, ontology, 'find');

describe('select', () => {
  it("defaults to ['*']; a string becomes a one-item array", () => {
    expect(normalize({}).select).toEqual(['*']);
    expect(normalize({ select: '*' }).select).toEqual(['*']);
    expect(normalize({ select: 'name' }).select).toEqual(['name', 'id']);
  });

  it('appends the primary key when missing and removes duplicates', () => {
    expect(normalize({ select: ['name', 'age'] }).select).toEqual(['name', 'age', 'id']);
    expect(normalize({ select: ['id', 'name'] }).select).toEqual(['id', 'name']);
    expect(normalize({ select: [] }).select).toEqual(['id']);
    expect(normalize({ select: ['name', 'name', 'pet'] }).select).toEqual(['name', 'pet', 'id']);
  });

  it('refuses non-arrays, non-string items, unknown and plural attributes, and * mixed with names', () => {
    expectUsageError(() => normalize({ select: 5 }), 'E_INVALID_CRITERIA', '`user`', '`select`', 'array');
    expectUsageError(() => normalize({ select: [1] }), 'E_INVALID_CRITERIA', '`select`', 'attribute name');
    expectUsageError(() => normalize({ select: ['nickname'] }), 'E_INVALID_CRITERIA', '`nickname`', 'not an attribute');
    expectUsageError(() => normalize({ select: ['pets'] }), 'E_INVALID_CRITERIA', '`pets`', 'plural association');
    expectUsageError(() => normalize({ select: ['*', 'name'] }), 'E_INVALID_CRITERIA', "`'*'`");
  });

  it('refuses any explicit select on a schema: false model', () => {
    expect(normalize({ select: ['*'] }, note).select).toEqual(['*']);
    expectUsageError(() => normalize({ select: ['title'] }, note), 'E_INVALID_CRITERIA', '`note`', '`select`', '`schema: false`');
  });
});

describe('omit', () => {
  it('defaults to []; drops plural attributes and duplicates', () => {
    expect(normalize({}).omit).toEqual([]);
    expect(normalize({ omit: ['name', 'pets', 'name'] }).omit).toEqual(['name']);
  });

  it('refuses non-arrays, non-strings, the primary key and unknown attributes', () => {
    expectUsageError(() => normalize({ omit: 'name' }), 'E_INVALID_CRITERIA', '`user`', '`omit`', 'array');
    expectUsageError(() => normalize({ omit: [null] }), 'E_INVALID_CRITERIA', '`omit`', 'attribute name');
    expectUsageError(() => normalize({ omit: ['id'] }), 'E_INVALID_CRITERIA', 'primary key', '`id`');
    expectUsageError(() => normalize({ omit: ['nickname'] }), 'E_INVALID_CRITERIA', '`nickname`');
  });

  it('refuses any omit on a schema: false model', () => {
    expect(normalize({ omit: [] }, note).omit).toEqual([]);
    expectUsageError(() => normalize({ omit: ['title'] }, note), 'E_INVALID_CRITERIA', '`note`', '`schema: false`');
  });
});

it('refuses an explicit select together with a non-empty omit', () => {
  expectUsageError(() => normalize({ select: ['name'], omit: ['age'] }), 'E_INVALID_CRITERIA', '`user`', 'both `select` and `omit`');
  expect(normalize({ select: ['*'], omit: ['age'] }).omit).toEqual(['age']);
  expect(normalize({ select: ['name'], omit: [] }).select).toEqual(['name', 'id']);
});
