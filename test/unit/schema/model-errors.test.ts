import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src/errors/definition-error.js';
import { buildOntology } from '../../../src/schema/build-ontology.js';
import { build, expectProblem, problemsOf } from './build.js';

const ID = { id: { type: 'number', autoIncrement: true } };

describe('model-level definition errors', () => {
  it('a model without identity or tableName', () => {
    expect(() => buildOntology([{ def: { attributes: ID }, source: 'api/models/x.js' }], { datastoreNames: ['default'] })).toThrow(
      /Model `api\/models\/x.js`: the model has no `identity`/,
    );
  });

  it('an identity with characters Sails refuses', () => {
    expectProblem({ 'user-profile': {} }, 'user-profile', undefined, /identity `user-profile` is invalid/);
  });

  it("an `identity` that contradicts the name it was loaded as", () => {
    expectProblem({ pet: { identity: 'dog' } }, 'pet', undefined, /does not match the name the model was loaded as/);
  });

  it('the same identity twice', () => {
    const problems = (() => {
      try {
        buildOntology([{ identity: 'pet', def: { attributes: ID } }, { identity: 'Pet', def: { attributes: ID }, source: 'Pet.mjs' }], { datastoreNames: ['default'] });
      } catch (error) {
        return (error as DefinitionError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([{ model: 'pet', message: expect.stringMatching(/defined more than once \(Pet.mjs\)/) }]);
  });

  it('a definition that is not a dictionary, or attributes that are not one', () => {
    expect(() => buildOntology([{ identity: 'pet', def: [] as unknown as Record<string, unknown> }], { datastoreNames: ['default'] })).toThrow(/must be a dictionary/);
    expectProblem({ pet: { attributes: 'name' } }, 'pet', undefined, /`attributes` must be a dictionary/);
  });

  it('rejected top-level settings, each with its replacement', () => {
    const problems = problemsOf({ pet: { autoCreatedAt: true, autoUpdatedAt: false, autoPK: true, connection: 'db', types: {} } });
    expect(problems.map((p) => [p.model, p.attribute, p.message.split(' ')[0]])).toEqual([
      ['pet', undefined, '`autoCreatedAt`'],
      ['pet', undefined, '`autoUpdatedAt`'],
      ['pet', undefined, '`autoPK`'],
      ['pet', undefined, '`connection`'],
      ['pet', undefined, '`types`'],
    ]);
    expect(problems[3]?.message).toMatch(/use `datastore`/);
  });

  it('a non-string or empty primaryKey', () => {
    expectProblem({ pet: { primaryKey: 3 } }, 'pet', undefined, /`primaryKey` must be the name of an attribute/);
  });

  it('a primaryKey naming no attribute', () => {
    expectProblem({ pet: { primaryKey: 'code' } }, 'pet', undefined, /`primaryKey: 'code'` names no attribute/);
    expectProblem({ pet: { attributes: { id: false } } }, 'pet', undefined, /`primaryKey: 'id'` names no attribute/);
  });

  it('a primary key that is not a plain string/number attribute', () => {
    expectProblem({ pet: { attributes: { id: { type: 'json' } } } }, 'pet', 'id', /must have type number or string/);
    expectProblem({ pet: { attributes: { id: { type: 'number', defaultsTo: 1 } } } }, 'pet', 'id', /cannot have `defaultsTo`/);
    expectProblem({ pet: { attributes: { id: { type: 'number', autoCreatedAt: true } } } }, 'pet', 'id', /cannot be a timestamp/);
    expectProblem({ pet: { attributes: { id: { type: 'number', allowNull: true } } } }, 'pet', 'id', /cannot have `allowNull`/);
    expectProblem({ pet: { attributes: { id: { model: 'pet' } } } }, 'pet', 'id', /cannot be an association/);
    expectProblem({ pet: { attributes: { id: { type: 'string', encrypt: true } }, dataEncryptionKeys: { default: KEY } } }, 'pet', 'id', /cannot be encrypted/);
  });

  it('an unknown datastore, a missing default datastore, a non-string datastore', () => {
    expectProblem({ pet: { datastore: 'mongo' } }, 'pet', undefined, /`datastore: 'mongo'` is not a configured datastore; configured: `default`/);
    expectProblem({ pet: {} }, 'pet', undefined, /no datastore named `default`/, { datastoreNames: ['main'] });
    expectProblem({ pet: { datastore: ['a', 'b'] } }, 'pet', undefined, /`datastore` must be the name of a configured datastore/);
  });

  it('settings of the wrong type', () => {
    expectProblem({ pet: { schema: 'yes' } }, 'pet', undefined, /`schema` must be true or false/);
    expectProblem({ pet: { migrate: 'create' } }, 'pet', undefined, /`migrate` must be 'safe', 'alter' or 'drop'/);
    expectProblem({ pet: { fetchRecordsOnUpdate: 1 } }, 'pet', undefined, /`fetchRecordsOnUpdate` must be true or false/);
    expectProblem({ pet: { cascadeOnDestroy: 'true' } }, 'pet', undefined, /`cascadeOnDestroy` must be true or false/);
    expectProblem({ pet: { customToJSON: {} } }, 'pet', undefined, /`customToJSON` must be a function/);
    expectProblem({ pet: { afterCreate: 'log' } }, 'pet', undefined, /lifecycle callback `afterCreate` must be a function/);
    expectProblem({ pet: { meta: 'x' } }, 'pet', undefined, /`meta` must be a dictionary/);
  });

  it('archiveModelIdentity: invalid, itself, or naming no model', () => {
    expectProblem({ pet: { archiveModelIdentity: 7 } }, 'pet', undefined, /must be a model identity or `false`/);
    expectProblem({ pet: { archiveModelIdentity: 'Pet' } }, 'pet', undefined, /cannot be its own archive/);
    expectProblem({ pet: { archiveModelIdentity: 'attic' } }, 'pet', undefined, /`archiveModelIdentity: 'attic'` names no model/);
  });

  it('an archive model without the attributes `.archive()` writes, or without pk `id`', () => {
    expectProblem({ pet: { archiveModelIdentity: 'attic' }, attic: { archiveModelIdentity: false } }, 'attic', undefined, /lacks the attribute\(s\) fromModel, originalRecord, originalRecordId/);
    const attic = {
      archiveModelIdentity: false,
      primaryKey: 'key',
      attributes: { key: { type: 'number', autoIncrement: true }, fromModel: 'string', originalRecord: 'json', originalRecordId: 'json' },
    };
    expectProblem({ pet: { archiveModelIdentity: 'attic' }, attic }, 'attic', undefined, /its primary key must be `id`/);
  });

  it('collects every problem of every model into one error', () => {
    const problems = problemsOf({
      pet: { attributes: { name: { type: 'strin' }, owner: { model: 'person' } } },
      user: { datastore: 'nope', attributes: { age: { type: 'number', defaultsTo: '1' } } },
    });
    expect(problems.map((p) => `${p.model}.${p.attribute ?? ''}`)).toEqual(['pet.name', 'user.', 'user.age', 'pet.owner']);
  });

  it('uses name userError and code E_INVALID_MODEL_DEF', () => {
    try {
      buildOntology([{ identity: 'pet', def: { attributes: { id: 'json' } } }], { datastoreNames: ['default'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'userError', code: 'E_INVALID_MODEL_DEF' });
      expect((error as Error).message).toMatch(/Model `pet`, attribute `id`: the primary key must have type number or string/);
    }
  });
});

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('encryption settings', () => {
  it('encrypting needs dataEncryptionKeys.default', () => {
    expectProblem({ pet: { attributes: { ssn: { type: 'string', encrypt: true } } } }, 'pet', undefined, /needs `dataEncryptionKeys: \{default/);
    expectProblem(
      { pet: { attributes: { ssn: { type: 'string', encrypt: true } }, dataEncryptionKeys: { other: KEY } } },
      'pet',
      undefined,
      /needs `dataEncryptionKeys: \{default/,
    );
  });

  it('accepts a 32-byte base64 default key', () => {
    expect(() => build({ pet: { attributes: { ssn: { type: 'string', encrypt: true } }, dataEncryptionKeys: { default: KEY } } })).not.toThrow();
  });

  it('key ids, key values and the dictionary itself are checked', () => {
    expectProblem({ pet: { dataEncryptionKeys: 'k' } }, 'pet', undefined, /must be a dictionary.*E_INVALID_DATA_ENCRYPTION_KEYS/);
    expectProblem({ pet: { dataEncryptionKeys: { 'bad-id': 'x' } } }, 'pet', undefined, /key id `bad-id`/);
    expectProblem({ pet: { dataEncryptionKeys: { default: '' } } }, 'pet', undefined, /must be a non-empty string/);
  });

  it('once any model encrypts, every declared key must be 32 bytes of base64', () => {
    const models = {
      pet: { attributes: { ssn: { type: 'string', encrypt: true } }, dataEncryptionKeys: { default: KEY } },
      user: { dataEncryptionKeys: { default: 'c2hvcnQ=' } },
    };
    expectProblem(models, 'user', undefined, /must be 32 random bytes in base64.*E_INVALID_DATA_ENCRYPTION_KEYS/);
    // Without encryption anywhere, short keys are tolerated (as Waterline does).
    expect(() => build({ user: { dataEncryptionKeys: { default: 'c2hvcnQ=' } } })).not.toThrow();
  });
});
