import { describe, expect, it } from 'vitest';
import { junctionNames } from '../../../src/schema/junction-naming.js';
import { build, expectProblem } from './build.js';

const MANY_TO_MANY = {
  user: { attributes: { name: 'string', pets: { collection: 'pet', via: 'owners' } } },
  pet: { attributes: { name: 'string', owners: { collection: 'user', via: 'pets' } } },
};

describe('junction naming', () => {
  it('sorts sides by identity, then attribute; the table keeps case, the identity does not', () => {
    expect(junctionNames({ identity: 'user', attribute: 'pets' }, { identity: 'pet', attribute: 'owners' })).toMatchObject({
      identity: 'pet_owners__user_pets',
      tableName: 'pet_owners__user_pets',
    });
    expect(junctionNames({ identity: 'user', attribute: 'friends' }, { identity: 'user', attribute: 'friendOf' })).toMatchObject({
      identity: 'user_friendof__user_friends',
      tableName: 'user_friendOf__user_friends',
    });
  });
});

describe('one-to-many', () => {
  it('links the plural to the child fk, with no junction', () => {
    const ontology = build({
      user: { attributes: { pets: { collection: 'Pet', via: 'owner' } } },
      pet: { attributes: { owner: { model: 'user' } } },
    });
    expect(ontology['user']?.attributes['pets']).toEqual({ kind: 'collection', name: 'pets', collection: 'pet', via: 'owner', extras: {} });
    expect(Object.values(ontology).some((m) => m.junctionTable)).toBe(false);
  });

  it('allows several one-to-many associations between the same models', () => {
    expect(() =>
      build({
        user: { attributes: { sold: { collection: 'order', via: 'seller' }, bought: { collection: 'order', via: 'buyer' } } },
        order: { attributes: { seller: { model: 'user' }, buyer: { model: 'user' } } },
      }),
    ).not.toThrow();
  });

  it('via naming no attribute on the target', () => {
    expectProblem({ user: { attributes: { pets: { collection: 'pet', via: 'owner' } } }, pet: {} }, 'user', 'pets', /`via: 'owner'` names no attribute of `pet`/);
  });

  it('via naming a singular that points elsewhere', () => {
    const models = {
      user: { attributes: { pets: { collection: 'pet', via: 'vet' } } },
      pet: { attributes: { vet: { model: 'clinic' } } },
      clinic: {},
    };
    expectProblem(models, 'user', 'pets', /must point back here, but `pet.vet` is `\{model: 'clinic'\}`/);
  });

  it('via naming a scalar attribute', () => {
    expectProblem({ user: { attributes: { pets: { collection: 'pet', via: 'name' } } }, pet: { attributes: { name: 'string' } } }, 'user', 'pets', /must name a `model` or `collection` attribute/);
  });

  it('via naming the attribute itself', () => {
    expectProblem({ user: { attributes: { friends: { collection: 'user', via: 'friends' } } } }, 'user', 'friends', /`via` names this attribute itself/);
  });

  it('dominant on a one-to-many', () => {
    const models = {
      user: { attributes: { pets: { collection: 'pet', via: 'owner', dominant: true } } },
      pet: { attributes: { owner: { model: 'user' } } },
    };
    expectProblem(models, 'user', 'pets', /`dominant` cannot be used on a one-to-many/);
  });
});

describe('many-to-many', () => {
  it('generates one junction model shared by both sides', () => {
    const ontology = build(MANY_TO_MANY);
    const junction = ontology['pet_owners__user_pets'];
    expect(junction).toMatchObject({
      identity: 'pet_owners__user_pets',
      tableName: 'pet_owners__user_pets',
      datastore: 'default',
      primaryKey: 'id',
      hasSchema: true,
      junctionTable: true,
    });
    expect(Object.keys(junction?.attributes ?? {})).toEqual(['id', 'pet_owners', 'user_pets']);
    expect(junction?.attributes['id']).toMatchObject({
      type: 'number',
      columnName: 'id',
      required: false,
      autoMigrations: { columnType: 'integer', unique: true, autoIncrement: true },
    });
    // Each side's column holds the pk of that side's own model.
    expect(junction?.attributes['user_pets']).toMatchObject({ kind: 'model', model: 'user', columnName: 'user_pets', required: true, type: 'number' });
    expect(junction?.attributes['pet_owners']).toMatchObject({ kind: 'model', model: 'pet', columnName: 'pet_owners', required: true });
    expect(ontology['user']?.attributes['pets']).toMatchObject({
      collection: 'pet',
      via: 'owners',
      junction: { model: 'pet_owners__user_pets', parentAttribute: 'user_pets', childAttribute: 'pet_owners' },
    });
    expect(ontology['pet']?.attributes['owners']).toMatchObject({
      junction: { model: 'pet_owners__user_pets', parentAttribute: 'pet_owners', childAttribute: 'user_pets' },
    });
  });

  it('types junction columns after each side\'s pk', () => {
    const ontology = build({
      user: { attributes: { id: { type: 'string', required: true, columnType: 'uuid' }, pets: { collection: 'pet', via: 'owners' } } },
      pet: { attributes: { owners: { collection: 'user', via: 'pets' } } },
    });
    expect(ontology['pet_owners__user_pets']?.attributes['user_pets']).toMatchObject({ type: 'string', autoMigrations: { columnType: 'uuid' } });
    expect(ontology['pet_owners__user_pets']?.attributes['pet_owners']).toMatchObject({ type: 'number', autoMigrations: { columnType: '_numberkey' } });
  });

  it('merges the app-wide pk attribute into the junction id', () => {
    const defaults = { primaryKey: 'id', attributes: { id: { type: 'number', autoIncrement: true, columnName: '_id', columnType: 'bigint' } } };
    const junction = build(MANY_TO_MANY, { defaults })['pet_owners__user_pets'];
    expect(junction?.attributes['id']).toMatchObject({ columnName: '_id', autoMigrations: { columnType: 'bigint', unique: true, autoIncrement: true } });
  });

  it('names the reflexive junction as Waterline does', () => {
    const ontology = build({
      user: { attributes: { friends: { collection: 'user', via: 'friendOf' }, friendOf: { collection: 'user', via: 'friends' } } },
    });
    const junction = ontology['user_friendof__user_friends'];
    expect(junction?.tableName).toBe('user_friendOf__user_friends');
    expect(Object.keys(junction?.attributes ?? {})).toEqual(['id', 'user_friendOf', 'user_friends']);
    expect(ontology['user']?.attributes['friends']).toMatchObject({ junction: { parentAttribute: 'user_friends', childAttribute: 'user_friendOf' } });
  });

  it('puts the junction in the datastore of the side with a dominant key, else of the side met first', () => {
    const options = { datastoreNames: ['a', 'b'] };
    const sides = (dominant: Record<string, unknown>) => ({
      user: { datastore: 'a', meta: { from: 'user', u: 1 }, attributes: { pets: { collection: 'pet', via: 'owners' } } },
      pet: { datastore: 'b', meta: { from: 'pet', p: 1 }, attributes: { owners: { collection: 'user', via: 'pets', ...dominant } } },
    });
    expect(build(sides({}), options)['pet_owners__user_pets']).toMatchObject({ datastore: 'a', meta: { from: 'user', u: 1, p: 1 } });
    expect(build(sides({ dominant: false }), options)['pet_owners__user_pets']).toMatchObject({ datastore: 'b', meta: { from: 'pet' } });
  });

  it('needs reciprocity', () => {
    const models = {
      user: { attributes: { pets: { collection: 'pet', via: 'owners' } } },
      pet: { attributes: { owners: { collection: 'user', via: 'keepers' }, keepers: { collection: 'user', via: 'owners' } } },
    };
    expectProblem(models, 'user', 'pets', /many-to-many needs reciprocity: `pet.owners` must be `\{collection: 'user', via: 'pets'\}`/);
  });

  it('refuses a junction identity that a user model already has', () => {
    expectProblem({ ...MANY_TO_MANY, pet_owners__user_pets: {} }, 'pet_owners__user_pets', undefined, /needed for the junction of `user.pets`/);
  });
});

describe('via-less plural', () => {
  it('gets a junction with a synthetic far side', () => {
    const ontology = build({ user: { attributes: { bookmarks: { collection: 'pet' } } }, pet: {} });
    const junction = ontology['pet_bookmarks_pet__user_bookmarks'];
    expect(junction?.tableName).toBe('pet_bookmarks_pet__user_bookmarks');
    expect(Object.keys(junction?.attributes ?? {})).toEqual(['id', 'pet_bookmarks_pet', 'user_bookmarks']);
    expect(junction?.attributes['pet_bookmarks_pet']).toMatchObject({ model: 'pet' });
    expect(ontology['user']?.attributes['bookmarks']).toEqual({
      kind: 'collection',
      name: 'bookmarks',
      collection: 'pet',
      extras: {},
      junction: { model: 'pet_bookmarks_pet__user_bookmarks', parentAttribute: 'user_bookmarks', childAttribute: 'pet_bookmarks_pet' },
    });
  });

  it('cannot be dominant', () => {
    expectProblem({ user: { attributes: { bookmarks: { collection: 'pet', dominant: true } } }, pet: {} }, 'user', 'bookmarks', /`dominant` only applies to a many-to-many/);
  });
});

describe('through', () => {
  const THROUGH = {
    user: { attributes: { pets: { collection: 'pet', via: 'owner', through: 'PetUser' } } },
    pet: { attributes: { owners: { collection: 'user', via: 'pet', through: 'petuser' } } },
    petuser: { attributes: { owner: { model: 'user' }, pet: { model: 'pet' }, since: 'number' } },
  };

  it('links both sides through the user model and flags it', () => {
    const ontology = build(THROUGH);
    expect(ontology['user']?.attributes['pets']).toMatchObject({ through: 'petuser', junction: { model: 'petuser', parentAttribute: 'owner', childAttribute: 'pet' } });
    expect(ontology['pet']?.attributes['owners']).toMatchObject({ junction: { model: 'petuser', parentAttribute: 'pet', childAttribute: 'owner' } });
    expect(ontology['petuser']).toMatchObject({ hasSchema: true, throughTable: { 'user.pets': 'pet', 'pet.owners': 'owner' } });
    expect(ontology['petuser']?.junctionTable).toBeUndefined();
    expect(Object.values(ontology).some((m) => m.junctionTable)).toBe(false);
  });

  it('needs the through model, its via attribute, and the matching plural on the target', () => {
    const { user, pet } = THROUGH;
    expectProblem({ user, pet }, 'user', 'pets', /`through: 'petuser'` names no model/);
    const noBack = { ...THROUGH, petuser: { attributes: { person: { model: 'user' }, pet: { model: 'pet' } } } };
    expectProblem(noBack, 'user', 'pets', /through model `petuser` needs a `model: 'user'` attribute named `owner`/);
    const oneSided = { ...THROUGH, pet: {} };
    expectProblem(oneSided, 'user', 'pets', /`pet` needs a matching `\{collection: 'user', via: …, through: 'petuser'\}`/);
  });

  it('needs via', () => {
    expectProblem({ ...THROUGH, user: { attributes: { pets: { collection: 'pet', through: 'petuser' } } } }, 'user', 'pets', /`through` needs `via`/);
  });
});
