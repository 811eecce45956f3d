import { describe, expect, it } from 'vitest';
import { tableDefinitionOf } from '../../../src/schema/table-definition.js';
import { attributesView, schemaView } from '../../../src/schema/waterline-views.js';
import { build, SEED_UNIQUE_FK } from './build.js';

describe('attributesView (logical)', () => {
  it('has required as a boolean, no columnName, autoMigrations kept', () => {
    const ontology = build({
      pet: {
        attributes: {
          name: { type: 'string', columnName: 'pet_name', required: true, maxLength: 40, description: 'Shown on tags' },
          kind: { type: 'string', defaultsTo: 'cat' },
          owner: { model: 'user', unique: true },
        },
      },
      user: { attributes: { pets: { collection: 'pet', via: 'owner' } } },
    });
    const view = attributesView(ontology['pet']!);
    expect(view['name']).toEqual({
      type: 'string',
      required: true,
      validations: { maxLength: 40 },
      autoMigrations: { columnType: '_string', unique: false, autoIncrement: false },
      description: 'Shown on tags',
    });
    expect(view['kind']).toMatchObject({ required: false, defaultsTo: 'cat' });
    expect(view['owner']).toEqual({ model: 'user', required: false, autoMigrations: { columnType: '_numberkey', unique: true, autoIncrement: false } });
    expect(attributesView(ontology['user']!)['pets']).toEqual({ collection: 'pet', via: 'owner', required: false });
    expect(Object.values(view).some((a) => 'columnName' in a)).toBe(false);
  });
});

describe('schemaView (physical)', () => {
  it('gives every column attribute its columnName and expands a singular to an fk descriptor', () => {
    const ontology = build(SEED_UNIQUE_FK);
    const pet = schemaView(ontology['pet']!, ontology);
    expect(pet['name']).toMatchObject({ type: 'string', columnName: 'name', autoMigrations: { columnType: '_string' } });
    expect(pet['owner']).toEqual({
      model: 'user',
      columnName: 'owner',
      type: 'number',
      required: false,
      foreignKey: true,
      references: 'user',
      referenceIdentity: 'user',
      on: 'id',
      onKey: 'id',
      autoMigrations: { columnType: '_numberkey', unique: true, autoIncrement: false },
    });
  });

  it('describes a one-to-many plural by the child table and fk column', () => {
    const ontology = build({
      user: { tableName: 'app_users', attributes: { pets: { collection: 'pet', via: 'owner' } } },
      pet: { tableName: 'Pets', attributes: { owner: { model: 'user', columnName: 'owner_id' } } },
    });
    expect(schemaView(ontology['user']!, ontology)['pets']).toEqual({
      collection: 'pet',
      via: 'owner',
      required: false,
      references: 'Pets',
      referenceIdentity: 'pet',
      on: 'owner_id',
      onKey: 'owner',
    });
    expect(schemaView(ontology['pet']!, ontology)['owner']).toMatchObject({ references: 'app_users', on: 'id', columnName: 'owner_id' });
  });

  it('points a junction-backed plural at the junction model', () => {
    const ontology = build({
      user: { attributes: { pets: { collection: 'pet', via: 'owners' } } },
      pet: { attributes: { owners: { collection: 'user', via: 'pets' } } },
    });
    expect(schemaView(ontology['user']!, ontology)['pets']).toEqual({
      collection: 'pet_owners__user_pets',
      via: 'owners',
      required: false,
      references: 'pet_owners__user_pets',
      referenceIdentity: 'pet_owners__user_pets',
      on: 'user_pets',
      onKey: 'user_pets',
    });
    expect(attributesView(ontology['user']!)['pets']).toMatchObject({ collection: 'pet' });
    const junction = schemaView(ontology['pet_owners__user_pets']!, ontology);
    expect(junction['user_pets']).toMatchObject({ model: 'user', columnName: 'user_pets', foreignKey: true, references: 'user', on: 'id', required: true });
  });
});

describe('tableDefinitionOf', () => {
  it('lists every column with its autoMigrations, marking the primary key', () => {
    const ontology = build({
      pet: { attributes: { id: { type: 'number', autoIncrement: true, columnName: '_id' }, name: 'string', owner: { model: 'user' }, tags: { collection: 'tag' } } },
      user: {},
      tag: {},
    });
    expect(tableDefinitionOf(ontology['pet']!)).toEqual({
      _id: { columnType: '_numberkey', unique: true, autoIncrement: true, primaryKey: true },
      createdAt: { columnType: '_numbertimestamp', unique: false, autoIncrement: false },
      updatedAt: { columnType: '_numbertimestamp', unique: false, autoIncrement: false },
      name: { columnType: '_string', unique: false, autoIncrement: false },
      owner: { columnType: '_numberkey', unique: false, autoIncrement: false },
    });
    expect(tableDefinitionOf(ontology['pet_tags__tag_tags_tag']!)).toEqual({
      id: { columnType: 'integer', unique: true, autoIncrement: true, primaryKey: true },
      pet_tags: { columnType: '_numberkey', unique: false, autoIncrement: false },
      tag_tags_tag: { columnType: '_numberkey', unique: false, autoIncrement: false },
    });
  });
});
