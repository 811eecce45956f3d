import { describe, expect, it } from 'vitest';
import { buildOntology } from '../../../src/schema/build-ontology.js';
import { build, SEED_MANUAL_SYNC, SEED_UNIQUE_FK } from './build.js';

describe('buildOntology: the seed models', () => {
  it('builds the unique-fk + collection pattern', () => {
    const ontology = build(SEED_UNIQUE_FK);
    const owner = ontology['pet']?.attributes['owner'];
    expect(owner).toEqual({
      kind: 'model',
      name: 'owner',
      model: 'user',
      type: 'number',
      columnName: 'owner',
      required: false,
      autoMigrations: { columnType: '_numberkey', unique: true, autoIncrement: false },
      extras: {},
    });
    expect(ontology['user']?.attributes['pet']).toEqual({ kind: 'collection', name: 'pet', collection: 'pet', via: 'owner', extras: {} });
    expect(ontology['pet']?.attributeByColumn).toEqual({ id: 'id', createdAt: 'createdAt', updatedAt: 'updatedAt', name: 'name', color: 'color', owner: 'owner' });
    expect(ontology['user']?.attributeByColumn).not.toHaveProperty('pet');
  });

  it('builds the manual-sync pattern (two one-way singulars)', () => {
    const ontology = build(SEED_MANUAL_SYNC);
    expect(ontology['pet']?.attributes['owner']).toMatchObject({ kind: 'model', model: 'user', autoMigrations: { unique: false } });
    expect(ontology['user']?.attributes['pet']).toMatchObject({ kind: 'model', model: 'pet', type: 'number', columnName: 'pet' });
    expect(Object.keys(ontology).filter((id) => ontology[id]?.junctionTable)).toEqual([]);
  });
});

describe('buildOntology: models', () => {
  it('lower-cases the identity and keeps the written case for the table', () => {
    const ontology = buildOntology([{ def: { identity: 'Purchase', attributes: { id: { type: 'number' } } } }], { datastoreNames: ['default'] });
    expect(ontology['purchase']).toMatchObject({ identity: 'purchase', tableName: 'Purchase' });
  });

  it('derives the identity from tableName when there is none', () => {
    const ontology = buildOntology([{ def: { tableName: 'Legacy_Items', attributes: { id: { type: 'number' } } } }], { datastoreNames: ['default'] });
    expect(ontology['legacy_items']?.tableName).toBe('Legacy_Items');
  });

  it('fills settings with their defaults', () => {
    const pet = build({ pet: {} })['pet'];
    expect(pet).toMatchObject({ datastore: 'default', hasSchema: true });
    expect(pet?.settings).toEqual({
      fetchRecordsOnCreate: false,
      fetchRecordsOnCreateEach: false,
      fetchRecordsOnUpdate: false,
      fetchRecordsOnDestroy: false,
      cascadeOnDestroy: false,
      dontUseObjectIds: false,
      archiveModelIdentity: 'archive',
    });
  });

  it('reads declared settings', () => {
    const customToJSON = function (this: Record<string, unknown>) {
      return this;
    };
    const pet = build(
      {
        pet: {
          datastore: 'other',
          schema: false,
          migrate: 'alter',
          cascadeOnDestroy: true,
          fetchRecordsOnCreate: true,
          archiveModelIdentity: false,
          customToJSON,
          globalId: 'Pet',
          meta: { schemaName: 'zoo' },
        },
      },
      { datastoreNames: ['default', 'other'] },
    )['pet'];
    expect(pet).toMatchObject({ datastore: 'other', hasSchema: false, globalId: 'Pet', meta: { schemaName: 'zoo' } });
    expect(pet?.customToJSON).toBe(customToJSON);
    expect(pet?.settings).toMatchObject({ migrate: 'alter', cascadeOnDestroy: true, fetchRecordsOnCreate: true, archiveModelIdentity: false });
  });

  it('keeps custom methods and lifecycle callbacks in the definition', () => {
    const beforeCreate = (_values: unknown, proceed: () => void) => proceed();
    const greet = () => 'hi';
    const pet = build({ pet: { beforeCreate, greet } })['pet'];
    expect(pet?.definition['greet']).toBe(greet);
    expect(pet?.definition['beforeCreate']).toBe(beforeCreate);
  });

  it('derives column names: trimmed, first space made _, and honours columnName', () => {
    const pet = build({ pet: { attributes: { ' full name here': 'string', nick: { type: 'string', columnName: 'nick_name' } } } })['pet'];
    expect(pet?.attributes[' full name here']).toMatchObject({ columnName: 'full_name here' });
    expect(pet?.attributeByColumn['nick_name']).toBe('nick');
  });

  it('fills scalar attributes', () => {
    const pet = build({
      pet: {
        attributes: {
          name: { type: 'string', required: true, isNotEmptyString: true, description: 'Name' },
          kind: { type: 'string', defaultsTo: 'cat', isIn: ['cat', 'dog'] },
          age: { type: 'number', allowNull: true },
          data: { type: 'json', defaultsTo: { a: [1, null] } },
        },
      },
    })['pet'];
    expect(pet?.attributes['name']).toMatchObject({ required: true, validations: { isNotEmptyString: true }, extras: { description: 'Name' } });
    expect(pet?.attributes['kind']).toMatchObject({ hasDefault: true, defaultsTo: 'cat', validations: { isIn: ['cat', 'dog'] } });
    expect(pet?.attributes['age']).toMatchObject({ allowNull: true, hasDefault: false });
    expect(pet?.attributes['data']).toMatchObject({ hasDefault: true, defaultsTo: { a: [1, null] } });
    expect(pet?.attributes['age']).not.toHaveProperty('defaultsTo');
  });

  it('accepts a string primary key and types foreign keys after it', () => {
    const ontology = build({
      user: { attributes: { id: { type: 'string', required: true, columnType: 'varchar(36)' } } },
      pet: { attributes: { owner: { model: 'User' } } },
    });
    expect(ontology['user']?.attributes['id']).toMatchObject({ autoMigrations: { columnType: 'varchar(36)', unique: true } });
    expect(ontology['pet']?.attributes['owner']).toMatchObject({ model: 'user', type: 'string', autoMigrations: { columnType: 'varchar(36)' } });
  });

  it('passes deprecation warnings to `warn`', () => {
    const warnings: string[] = [];
    build({ pet: { attributes: { bio: 'text' } } }, { warnings });
    expect(warnings).toEqual([expect.stringMatching(/^Model `pet`, attribute `bio`: type `text` is deprecated/)]);
  });
});

describe('buildOntology: archive model', () => {
  it('injects `archive` with the first archiving model\'s pk and datastore', () => {
    const ontology = build(
      { pet: { datastore: 'zoo', attributes: { id: { type: 'string', required: true } } }, user: {} },
      { datastoreNames: ['default', 'zoo'] },
    );
    const archive = ontology['archive'];
    expect(archive).toMatchObject({ identity: 'archive', tableName: 'archive', globalId: 'Archive', datastore: 'zoo', primaryKey: 'id' });
    expect(Object.keys(archive?.attributes ?? {})).toEqual(['id', 'createdAt', 'fromModel', 'originalRecord', 'originalRecordId']);
    expect(archive?.attributes['id']).toMatchObject({ type: 'string', required: true });
    expect(archive?.attributes['fromModel']).toMatchObject({ type: 'string', required: true });
    expect(archive?.settings.archiveModelIdentity).toBe(false);
  });

  it("follows the first archiving model's `migrate`, so `safe` apps never see it altered", () => {
    expect(build({ pet: { migrate: 'safe' }, user: { migrate: 'drop' } })['archive']?.settings.migrate).toBe('safe');
    expect(build({ pet: {} })['archive']?.settings.migrate).toBeUndefined();
  });

  it('is not injected when no model archives there, or when the user defines it', () => {
    expect(build({ pet: { archiveModelIdentity: false } })).not.toHaveProperty('archive');
    const own = {
      attributes: { fromModel: 'string', originalRecord: 'json', originalRecordId: 'json', note: 'string' },
      archiveModelIdentity: false,
    };
    expect(Object.keys(build({ pet: {}, archive: own })['archive']?.attributes ?? {})).toContain('note');
  });
});
