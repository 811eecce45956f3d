import { describe, expect, it } from 'vitest';
import { normalizeNewRecord, normalizeNewRecords, type NewRecordResult } from '../../../src/records/new-record.js';
import { model, NOW, ontology, ontologyOf, scalar, user } from './fixtures.js';

const create = (record: unknown) => normalizeNewRecord(user, ontology, record, NOW);
const recordOf = (result: NewRecordResult) => {
  if ('problems' in result) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.record;
};
const problemsOf = (result: NewRecordResult | { readonly records: unknown }) => ('problems' in result ? result.problems : []);

describe('normalizeNewRecord', () => {
  it('fills every omitted attribute (spec §4)', () => {
    const result = create({ email: 'a@b.co' });
    expect(result).toEqual({
      record: {
        id: null,
        email: 'a@b.co',
        age: 0,
        nickname: null,
        role: 'member',
        prefs: { theme: 'dark', tags: ['a'] },
        active: false,
        createdAt: NOW.getTime(),
        updatedAt: NOW.toJSON(),
        bestFriend: null,
      },
      pluralValues: { pets: [] },
    });
  });

  it('deep-clones defaultsTo for every record', () => {
    const first = recordOf(create({ email: 'a@b.co' }));
    const second = recordOf(create({ email: 'c@d.co' }));
    expect(first.prefs).toEqual(second.prefs);
    expect(first.prefs).not.toBe(second.prefs);
    expect(first.prefs).not.toBe(user.attributes.prefs && 'defaultsTo' in user.attributes.prefs ? user.attributes.prefs.defaultsTo : undefined);
  });

  it('keeps provided values (coerced), drops undefined and unknown keys, and does not mutate the input', () => {
    const input = { email: 'a@b.co', age: '42', active: 'true', nickname: undefined, bogus: 1, id: '5', bestFriend: '3', updatedAt: 'x' };
    const record = recordOf(create(input));
    expect(record).toMatchObject({ id: 5, age: 42, active: true, nickname: null, bestFriend: 3, updatedAt: 'x' });
    expect(record).not.toHaveProperty('bogus');
    expect(input.age).toBe('42');
  });

  it('takes plural values out of the record', () => {
    const result = create({ email: 'a@b.co', pets: ['p1', 'p2', 'p1'] });
    expect('problems' in result ? undefined : result.pluralValues).toEqual({ pets: ['p1', 'p2'] });
    expect(recordOf(result)).not.toHaveProperty('pets');
  });

  it('stamps timestamps in each type', () => {
    const m = model('stamp', [
      scalar('id', 'number'),
      scalar('n', 'number', { autoCreatedAt: true }),
      scalar('s', 'string', { autoCreatedAt: true }),
      scalar('r', 'ref', { autoUpdatedAt: true }),
    ]);
    const record = recordOf(normalizeNewRecord(m, ontologyOf(m), {}, NOW));
    expect(record).toEqual({ id: null, n: NOW.getTime(), s: '2024-05-06T07:08:09.010Z', r: NOW });
    expect(record.r).toBeInstanceOf(Date);
    expect(record.r).not.toBe(NOW);
  });

  it('reports a missing required attribute', () => {
    expect(problemsOf(create({}))).toEqual([
      { code: 'E_REQUIRED', attribute: 'email', message: 'Missing value for required attribute `email`. Expected a string, but instead, got: undefined' },
    ]);
    expect(problemsOf(create({ email: undefined }))).toHaveLength(1);
  });

  it('reports every problem, not just the first', () => {
    const problems = problemsOf(create({ age: 200, role: 'boss', active: 'maybe', pets: [0] }));
    expect(problems.map((p) => [p.code, 'attribute' in p ? p.attribute : undefined])).toEqual([
      ['E_VIOLATES_RULES', 'age'],
      ['E_VIOLATES_RULES', 'role'],
      ['E_TYPE', 'active'],
      ['E_HIGHLY_IRREGULAR', 'pets'],
      ['E_REQUIRED', 'email'],
    ]);
  });

  it('a refused required value is reported once (not also as missing)', () => {
    const problems = problemsOf(create({ email: 'not-an-email' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('E_VIOLATES_RULES');
    expect(problemsOf(create({ email: '' }))).toMatchObject([{ code: 'E_REQUIRED', attribute: 'email' }]);
  });

  it('refuses a null primary key and nulls for non-nullable attributes', () => {
    expect(problemsOf(create({ email: 'a@b.co', id: null }))).toMatchObject([{ code: 'E_HIGHLY_IRREGULAR', attribute: 'id' }]);
    expect(problemsOf(create({ email: 'a@b.co', age: null }))).toMatchObject([{ code: 'E_TYPE', attribute: 'age' }]);
  });

  it('refuses arrays and non-dictionaries', () => {
    expect(problemsOf(create([{ email: 'a@b.co' }]))[0]?.message).toMatch(/use createEach/);
    expect(problemsOf(create('x'))).toMatchObject([{ code: 'E_INVALID_RECORD' }]);
    expect(problemsOf(create(null))).toMatchObject([{ code: 'E_INVALID_RECORD' }]);
  });

  it('requires a value for a required singular association', () => {
    const m = model('pet', [scalar('id', 'number'), { kind: 'model', name: 'owner', model: 'user', type: 'number', columnName: 'owner_id', required: true, autoMigrations: { columnType: '_number', unique: false, autoIncrement: false }, extras: {} }]);
    expect(problemsOf(normalizeNewRecord(m, ontologyOf(m), {}, NOW))).toMatchObject([{ code: 'E_REQUIRED', attribute: 'owner' }]);
    expect(problemsOf(normalizeNewRecord(m, ontologyOf(m), { owner: null }, NOW))).toMatchObject([{ code: 'E_REQUIRED', attribute: 'owner' }]);
  });
});

describe('schemaless models', () => {
  const loose = model('note', [scalar('id', 'number'), scalar('title', 'string')], { hasSchema: false });
  const create = (record: unknown) => normalizeNewRecord(loose, ontologyOf(loose), record, NOW);

  it('keeps unknown keys, validated as json', () => {
    expect(recordOf(create({ title: 't', extra: { at: new Date(0), gone: undefined }, $n: 1, _x: 'y' }))).toEqual({
      id: null,
      title: 't',
      extra: { at: '1970-01-01T00:00:00.000Z' },
      $n: 1,
      _x: 'y',
    });
  });

  it('refuses keys that are not identifiers, reserved words, toJSON/toObject', () => {
    const problems = problemsOf(create({ 'not valid': 1, '9lives': 1, class: 1, tojson: 1, ToObject: 1, ok: 1 }));
    expect(problems.map((p) => ('attribute' in p ? p.attribute : ''))).toEqual(['not valid', '9lives', 'class', 'tojson', 'ToObject']);
    expect(problems.every((p) => p.code === 'E_HIGHLY_IRREGULAR')).toBe(true);
  });

  it('refuses __proto__ rather than changing the record prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(problemsOf(create(input))).toMatchObject([{ attribute: '__proto__' }]);
  });
});

describe('normalizeNewRecords (createEach)', () => {
  const createEach = (records: unknown) => normalizeNewRecords(user, ontology, records, NOW);

  it('normalizes every record with one instant, skipping undefined items', () => {
    const result = createEach([{ email: 'a@b.co' }, undefined, { email: 'c@d.co', pets: 'p1' }]);
    if ('problems' in result) throw new Error('unexpected problems');
    expect(result.records).toHaveLength(2);
    expect(result.records.map((r) => r.record.createdAt)).toEqual([NOW.getTime(), NOW.getTime()]);
    expect(result.records[1]?.pluralValues).toEqual({ pets: ['p1'] });
  });

  it('returns no records for []', () => {
    expect(createEach([])).toEqual({ records: [] });
  });

  it('reports problems with the index of each failing record', () => {
    const problems = problemsOf(createEach([{ email: 'a@b.co' }, {}, { email: 'c@d.co', age: -1 }]));
    expect(problems).toMatchObject([
      { index: 1, code: 'E_REQUIRED', attribute: 'email' },
      { index: 2, code: 'E_VIOLATES_RULES', attribute: 'age' },
    ]);
  });

  it('refuses a non-array, and the same object twice', () => {
    expect(problemsOf(createEach({ email: 'a@b.co' }))).toMatchObject([{ code: 'E_INVALID_RECORD', message: expect.stringMatching(/array/) }]);
    expect(problemsOf(createEach(undefined))).toHaveLength(1);
    const same = { email: 'a@b.co' };
    expect(problemsOf(createEach([same, same]))).toMatchObject([{ code: 'E_INVALID_RECORD', index: 1, message: expect.stringMatching(/record #0/) }]);
  });

  it('refuses non-dictionary items with their index', () => {
    expect(problemsOf(createEach([{ email: 'a@b.co' }, 7]))).toMatchObject([{ code: 'E_INVALID_RECORD', index: 1 }]);
  });
});
