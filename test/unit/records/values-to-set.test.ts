import { describe, expect, it } from 'vitest';
import { normalizeValuesToSet, type ValuesToSetResult } from '../../../src/records/values-to-set.js';
import { model, NOW, ontology, ontologyOf, scalar, user } from './fixtures.js';

const update = (values: unknown) => normalizeValuesToSet(user, ontology, values, NOW);
const problemsOf = (result: ValuesToSetResult) => ('problems' in result ? result.problems : []);

describe('normalizeValuesToSet', () => {
  it('{} only stamps autoUpdatedAt attributes', () => {
    expect(update({})).toEqual({ values: { updatedAt: NOW.toJSON() }, pluralValues: {} });
  });

  it('checks only provided keys: no defaults, no requiredness for omitted keys', () => {
    expect(update({ age: '30', nickname: null, bogus: 1, role: undefined })).toEqual({
      values: { age: 30, nickname: null, updatedAt: NOW.toJSON() },
      pluralValues: {},
    });
  });

  it('explicit timestamps win over now', () => {
    expect(update({ updatedAt: 'then', createdAt: 5 })).toEqual({ values: { updatedAt: 'then', createdAt: 5 }, pluralValues: {} });
  });

  it("refuses null and '' for required attributes", () => {
    expect(problemsOf(update({ email: null }))).toMatchObject([{ code: 'E_TYPE', attribute: 'email' }]);
    expect(problemsOf(update({ email: '' }))).toMatchObject([{ code: 'E_REQUIRED', attribute: 'email' }]);
  });

  it('reports every problem', () => {
    expect(problemsOf(update({ email: 'x', age: 'old', id: 0 })).map((p) => ('attribute' in p ? p.attribute : ''))).toEqual(['email', 'age', 'id']);
  });

  it('allows changing the primary key', () => {
    expect(update({ id: '9' })).toMatchObject({ values: { id: 9 } });
  });

  it('returns plural values separately (they replace the collection), including []', () => {
    expect(update({ pets: [] })).toEqual({ values: { updatedAt: NOW.toJSON() }, pluralValues: { pets: [] } });
    expect(update({ pets: ['a', 'a'] })).toMatchObject({ pluralValues: { pets: ['a'] } });
  });

  it('refuses values that are not a dictionary', () => {
    for (const bad of [null, 'x', [{ age: 1 }], undefined]) {
      expect(problemsOf(update(bad))).toMatchObject([{ code: 'E_INVALID_RECORD' }]);
    }
  });

  it('schemaless models keep extra keys as json', () => {
    const loose = model('note', [scalar('id', 'number'), scalar('at', 'ref', { autoUpdatedAt: true })], { hasSchema: false });
    const result = normalizeValuesToSet(loose, ontologyOf(loose), { extra: [1, undefined] }, NOW);
    expect(result).toEqual({ values: { extra: [1], at: NOW }, pluralValues: {} });
  });
});
