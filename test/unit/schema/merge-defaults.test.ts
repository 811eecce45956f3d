import { describe, expect, it } from 'vitest';
import { mergeDefaults, MOORING_DEFAULT_MODEL_SETTINGS } from '../../../src/schema/merge-defaults.js';
import { build } from './build.js';

const APP_DEFAULTS = {
  primaryKey: 'id',
  fetchRecordsOnUpdate: true,
  attributes: {
    id: { type: 'string', columnName: '_id' },
    createdAt: { type: 'number', autoCreatedAt: true },
  },
};

describe('mergeDefaults', () => {
  it('merges settings shallowly, the model winning', () => {
    const merged = mergeDefaults({ fetchRecordsOnUpdate: false, tableName: 'pets', attributes: {} }, APP_DEFAULTS);
    expect(merged).toMatchObject({ primaryKey: 'id', fetchRecordsOnUpdate: false, tableName: 'pets' });
  });

  it('merges attributes one by one: defaults first, the model replacing whole attributes', () => {
    const merged = mergeDefaults({ attributes: { name: 'string', id: { type: 'number', autoIncrement: true } } }, APP_DEFAULTS);
    expect(merged['attributes']).toEqual({
      id: { type: 'number', autoIncrement: true },
      createdAt: { type: 'number', autoCreatedAt: true },
      name: 'string',
    });
    expect(Object.keys(merged['attributes'] as object)).toEqual(['id', 'createdAt', 'name']);
  });

  it('removes a default attribute the model sets to false', () => {
    const merged = mergeDefaults({ attributes: { createdAt: false } }, APP_DEFAULTS);
    expect(merged['attributes']).toEqual({ id: { type: 'string', columnName: '_id' } });
  });

  it('gives models without attributes the default ones', () => {
    expect(mergeDefaults({}, APP_DEFAULTS)['attributes']).toEqual(APP_DEFAULTS.attributes);
  });

  it('leaves a malformed attributes value for validation', () => {
    expect(mergeDefaults({ attributes: 'nope' }, APP_DEFAULTS)['attributes']).toBe('nope');
  });

  it('does not mutate the model or the defaults', () => {
    const model = { attributes: { createdAt: false } };
    mergeDefaults(model, APP_DEFAULTS);
    expect(model).toEqual({ attributes: { createdAt: false } });
    expect(APP_DEFAULTS.attributes.createdAt).toEqual({ type: 'number', autoCreatedAt: true });
  });
});

describe('Mooring built-in defaults', () => {
  it('give every model a numeric auto-increment id and number timestamps', () => {
    const ontology = build({ pet: { attributes: { name: 'string' } } });
    const pet = ontology['pet'];
    expect(pet?.primaryKey).toBe('id');
    expect(Object.keys(pet?.attributes ?? {})).toEqual(['id', 'createdAt', 'updatedAt', 'name']);
    expect(pet?.attributes['id']).toMatchObject({ type: 'number', autoMigrations: { autoIncrement: true, unique: true, columnType: '_numberkey' } });
    expect(pet?.attributes['createdAt']).toMatchObject({ type: 'number', autoCreatedAt: true });
    expect(pet?.attributes['updatedAt']).toMatchObject({ type: 'number', autoUpdatedAt: true });
  });

  it('are replaced entirely by user defaults', () => {
    const ontology = build({ pet: { attributes: { name: 'string' } } }, { defaults: APP_DEFAULTS });
    const pet = ontology['pet'];
    expect(Object.keys(pet?.attributes ?? {})).toEqual(['id', 'createdAt', 'name']);
    expect(pet?.attributes['id']).toMatchObject({ type: 'string', columnName: '_id' });
    expect(pet?.settings.fetchRecordsOnUpdate).toBe(true);
  });

  it("fall back to primaryKey 'id' when user defaults name none", () => {
    const ontology = build({ pet: { attributes: { id: { type: 'string', required: true } } } }, { defaults: {} });
    expect(ontology['pet']?.primaryKey).toBe('id');
  });

  it('are frozen', () => {
    expect(Object.isFrozen(MOORING_DEFAULT_MODEL_SETTINGS)).toBe(true);
  });
});
