import { describe, expect, it } from 'vitest';
import { attachToJSON, recordFromRow } from '../../../src/records/from-row.js';
import { model, plural, scalar, singular } from './fixtures.js';

const people = model('person', [
  scalar('id', 'number', { columnName: 'person_id' }),
  scalar('firstName', 'string', { columnName: 'first_name' }),
  singular('pet', 'pet', 'number', { columnName: 'pet_id' }),
  plural('friends', 'person'),
]);

describe('recordFromRow', () => {
  it('renames columns to attribute names and keeps only declared columns (schemaful)', () => {
    const row = { person_id: 1, first_name: 'Ann', pet_id: null, extra: 'x', friends: [] };
    expect(recordFromRow(people, row)).toEqual({ id: 1, firstName: 'Ann', pet: null });
  });

  it('leaves out columns the row does not have, keeps explicit undefined', () => {
    expect(recordFromRow(people, { person_id: 1 })).toEqual({ id: 1 });
    const record = recordFromRow(people, { person_id: 1, first_name: undefined });
    expect(Object.keys(record)).toEqual(['id', 'firstName']);
  });

  it('is safe when attribute names and column names are swapped', () => {
    const swapped = model('swap', [scalar('id', 'number'), scalar('a', 'string', { columnName: 'b' }), scalar('b', 'string', { columnName: 'a' })]);
    expect(recordFromRow(swapped, { id: 1, a: 'from column a', b: 'from column b' })).toEqual({
      id: 1,
      a: 'from column b',
      b: 'from column a',
    });
  });

  it('builds a fresh object and does not touch the row', () => {
    const row = { person_id: 1, first_name: 'Ann' };
    const record = recordFromRow(people, row);
    expect(record).not.toBe(row);
    expect(row).toEqual({ person_id: 1, first_name: 'Ann' });
  });

  it('does not pick up inherited properties for columns named like Object.prototype members', () => {
    const odd = model('odd', [scalar('id', 'number'), scalar('ctor', 'string', { columnName: 'constructor' })]);
    expect(recordFromRow(odd, { id: 1 })).toEqual({ id: 1 });
    expect(recordFromRow(odd, { id: 1, constructor: 'x' })).toEqual({ id: 1, ctor: 'x' });
  });

  it('schemaless: keeps unknown keys, but never lets them clobber a declared attribute', () => {
    const loose = model('note', [scalar('id', 'number'), scalar('title', 'string', { columnName: 'the_title' })], { hasSchema: false });
    const row = JSON.parse('{"id": 1, "the_title": "T", "title": "stale", "tags": ["a"], "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const record = recordFromRow(loose, row);
    expect(record).toEqual({ id: 1, title: 'T', tags: ['a'] });
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});

describe('attachToJSON', () => {
  it('installs customToJSON as a non-enumerable, writable toJSON', () => {
    const secretive = model('user', [scalar('id', 'number'), scalar('ssn', 'string')], {
      customToJSON(this: Record<string, unknown>) {
        const { ssn: _ssn, ...rest } = this;
        return rest;
      },
    });
    const record = attachToJSON(secretive, { id: 1, ssn: '123' });
    expect(Object.keys(record)).toEqual(['id', 'ssn']);
    expect(JSON.stringify(record)).toBe('{"id":1}');
    const descriptor = Object.getOwnPropertyDescriptor(record, 'toJSON');
    expect(descriptor).toMatchObject({ enumerable: false, writable: true });
  });

  it('leaves records alone when the model has no customToJSON', () => {
    const record = attachToJSON(people, { id: 1 });
    expect(Object.getOwnPropertyNames(record)).toEqual(['id']);
  });
});
