import { describe, expect, it } from 'vitest';
import { expectProblem, problemsOf, type Defs } from './build.js';

/** One model `pet` with the given attributes (plus the built-in id and timestamps). */
const pet = (attributes: Record<string, unknown>): Defs => ({ pet: { attributes } });

describe('attribute definition errors', () => {
  it('an attribute that is a function or not a dictionary', () => {
    expectProblem(pet({ greet: () => 'hi' }), 'pet', 'greet', /is a function/);
    expectProblem(pet({ flag: true }), 'pet', 'flag', /must be a dictionary/);
  });

  it('bad names: a dot, or toJSON', () => {
    expectProblem(pet({ 'a.b': 'string' }), 'pet', 'a.b', /cannot contain `\.`/);
    expectProblem(pet({ toJSON: 'string' }), 'pet', 'toJSON', /`toJSON` cannot be an attribute name/);
  });

  it('missing, empty or unknown type', () => {
    expectProblem(pet({ name: { required: true } }), 'pet', 'name', /missing `type`/);
    expectProblem(pet({ name: { type: '' } }), 'pet', 'name', /missing `type`/);
    expectProblem(pet({ name: { type: 'strnig' } }), 'pet', 'name', /unknown type 'strnig'; use one of string, number, boolean, json, ref/);
  });

  it('types Sails rejects are reported once, with a suggestion', () => {
    const problems = problemsOf(pet({ born: { type: 'datetime' } }));
    expect(problems).toEqual([{ model: 'pet', attribute: 'born', message: expect.stringMatching(/`datetime` is not supported; use `type: 'string'`/) }]);
  });

  it('unrecognized and retired properties', () => {
    expectProblem(pet({ name: { type: 'string', size: 20 } }), 'pet', 'name', /`size` isn't a recognized attribute property or validation rule/);
    expectProblem(pet({ name: { type: 'string', protected: true } }), 'pet', 'name', /`protected` is no longer supported/);
    expectProblem(pet({ code: { type: 'string', primaryKey: true } }), 'pet', 'code', /`primaryKey` belongs at the model level/);
  });

  it('non-boolean flags', () => {
    expectProblem(pet({ name: { type: 'string', required: 'yes' } }), 'pet', 'name', /`required` must be true or false/);
    expectProblem(pet({ name: { type: 'string', allowNull: 1 } }), 'pet', 'name', /`allowNull` must be true or false/);
    expectProblem(pet({ name: { type: 'string', encrypt: 'yes' } }), 'pet', 'name', /`encrypt` must be true or false.*E_INVALID_ENCRYPT/);
  });

  it('bad columnName and autoMigrations values', () => {
    expectProblem(pet({ name: { type: 'string', columnName: '' } }), 'pet', 'name', /`columnName` must be a non-empty string/);
    expectProblem(pet({ name: { type: 'string', unique: 'yes' } }), 'pet', 'name', /`unique` must be true or false/);
    expectProblem(pet({ name: { type: 'string', columnType: 5 } }), 'pet', 'name', /`columnType` must be a non-empty string/);
    expectProblem(pet({ name: { type: 'string', autoMigrations: 'x' } }), 'pet', 'name', /`autoMigrations` must be a dictionary/);
  });

  it('defaultsTo: a function, with required, or not strictly valid for the type', () => {
    expectProblem(pet({ n: { type: 'number', defaultsTo: () => 1 } }), 'pet', 'n', /`defaultsTo` cannot be a function/);
    expectProblem(pet({ n: { type: 'number', required: true, defaultsTo: 1 } }), 'pet', 'n', /`required` and `defaultsTo` cannot be used together/);
    expectProblem(pet({ n: { type: 'number', defaultsTo: '1' } }), 'pet', 'n', /`defaultsTo: '1'` is not a valid `number`/);
    expectProblem(pet({ s: { type: 'string', defaultsTo: 5 } }), 'pet', 's', /is not a valid `string`/);
    expectProblem(pet({ s: { type: 'string', defaultsTo: null } }), 'pet', 's', /is not a valid `string`/);
    expectProblem(pet({ b: { type: 'boolean', defaultsTo: 'true' } }), 'pet', 'b', /is not a valid `boolean`/);
    expectProblem(pet({ j: { type: 'json', defaultsTo: { at: new Date(0) } } }), 'pet', 'j', /is not a valid `json`/);
    expectProblem(pet({ n: { type: 'number', defaultsTo: Number.NaN } }), 'pet', 'n', /is not a valid `number`/);
  });

  it('allowNull misuse', () => {
    expectProblem(pet({ j: { type: 'json', allowNull: true } }), 'pet', 'j', /`allowNull` only applies to string, number and boolean/);
    expectProblem(pet({ r: { type: 'ref', allowNull: true } }), 'pet', 'r', /`allowNull` only applies/);
    expectProblem(pet({ s: { type: 'string', allowNull: true, required: true } }), 'pet', 's', /`allowNull` cannot be used with `required`/);
    expectProblem(pet({ s: { type: 'string', allowNull: true, defaultsTo: null } }), 'pet', 's', /`allowNull` cannot be used with `defaultsTo: null`/);
    expectProblem(pet({ t: { type: 'number', autoUpdatedAt: true, allowNull: true } }), 'pet', 't', /timestamp attribute cannot have `allowNull`/);
    expectProblem(pet({ owner: { model: 'pet', allowNull: true } }), 'pet', 'owner', /`allowNull` does not apply to associations/);
  });

  it('timestamp misuse', () => {
    expectProblem(pet({ t: { type: 'number', autoCreatedAt: true, autoUpdatedAt: true } }), 'pet', 't', /cannot be both/);
    expectProblem(pet({ t: { type: 'boolean', autoCreatedAt: true } }), 'pet', 't', /must have type number, string or ref/);
    expectProblem(pet({ t: { type: 'number', autoCreatedAt: true, required: true } }), 'pet', 't', /timestamp attribute cannot be `required`/);
    expectProblem(pet({ t: { type: 'number', autoUpdatedAt: true, defaultsTo: 0 } }), 'pet', 't', /timestamp attribute cannot have `defaultsTo`/);
    expectProblem(pet({ owner: { model: 'pet', autoCreatedAt: true } }), 'pet', 'owner', /an association cannot be a timestamp/);
  });

  it('encrypt on attributes that cannot be encrypted', () => {
    const keys = { dataEncryptionKeys: { default: Buffer.alloc(32).toString('base64') } };
    const withKeys = (attributes: Record<string, unknown>): Defs => ({ pet: { attributes, ...keys } });
    expectProblem(withKeys({ r: { type: 'ref', encrypt: true } }), 'pet', 'r', /cannot be used on a `ref`.*E_ATTR_NOT_COMPATIBLE_WITH_AT_REST_ENCRYPTION/);
    expectProblem(withKeys({ s: { type: 'string', encrypt: true, defaultsTo: 'x' } }), 'pet', 's', /cannot be used with `defaultsTo`/);
    expectProblem(withKeys({ t: { type: 'string', encrypt: true, autoCreatedAt: true } }), 'pet', 't', /cannot be used on a timestamp/);
    expectProblem(withKeys({ owner: { model: 'pet', encrypt: true } }), 'pet', 'owner', /an association cannot be encrypted/);
  });

  it('validation rules: unknown, retired, wrong type, bad configuration', () => {
    expectProblem(pet({ s: { type: 'string', validations: { isShouty: true } } }), 'pet', 's', /Unknown validation rule `isShouty`/);
    expectProblem(pet({ s: { type: 'string', uppercase: true } }), 'pet', 's', /`uppercase` is no longer supported/);
    expectProblem(pet({ n: { type: 'number', isEmail: true } }), 'pet', 'n', /`isEmail` cannot be used on an attribute of type `number`/);
    expectProblem(pet({ n: { type: 'number', max: '10' } }), 'pet', 'n', /Invalid configuration for validation rule `max`/);
    expectProblem(pet({ s: { type: 'string', regex: '^a' } }), 'pet', 's', /Invalid configuration for validation rule `regex`/);
    expectProblem(pet({ s: { type: 'string', validations: [] } }), 'pet', 's', /`validations` must be a dictionary/);
  });

  it('isAfter/isBefore accept numbers, Dates and parseable date strings', () => {
    const ok = pet({
      a: { type: 'string', isAfter: '2020-01-01' },
      b: { type: 'number', isBefore: Date.UTC(2030, 0, 1) },
      c: { type: 'string', isAfter: new Date(0) },
      d: { type: 'string', isBefore: 'not a date' },
    });
    expect(problemsOf(ok).map((p) => p.attribute)).toEqual(['d']);
  });

  it('duplicate column names', () => {
    expectProblem(pet({ name: 'string', label: { type: 'string', columnName: 'name' } }), 'pet', 'label', /column `name` is already used by attribute `name`/);
    expectProblem(pet({ 'first name': 'string', first_name: 'string' }), 'pet', 'first_name', /column `first_name` is already used by attribute `first name`/);
  });
});

describe('association attribute errors', () => {
  it('type on an association; both model and collection', () => {
    expectProblem(pet({ owner: { model: 'pet', type: 'number' } }), 'pet', 'owner', /an association has no `type`/);
    expectProblem(pet({ kids: { collection: 'pet', type: 'json' } }), 'pet', 'kids', /an association has no `type`/);
    expectProblem(pet({ odd: { model: 'pet', collection: 'pet' } }), 'pet', 'odd', /cannot have both `model` and `collection`/);
  });

  it('bad targets', () => {
    expectProblem(pet({ owner: { model: 3 } }), 'pet', 'owner', /`model` must be the identity of another model/);
    expectProblem(pet({ owner: { model: 'person' } }), 'pet', 'owner', /`model: 'person'` names no model; known models: pet, archive/);
    expectProblem(pet({ kids: { collection: 'person', via: 'parent' } }), 'pet', 'kids', /`collection: 'person'` names no model/);
  });

  it('defaultsTo, through or dominant on a singular association', () => {
    expectProblem(pet({ owner: { model: 'pet', defaultsTo: 1 } }), 'pet', 'owner', /an association cannot have `defaultsTo`/);
    expectProblem(pet({ owner: { model: 'pet', through: 'kids' } }), 'pet', 'owner', /`through` only belongs on `collection` attributes/);
    // With `via`, a `model` attribute declares a has-one (has-one.test.ts); its target must exist.
    expectProblem(pet({ owner: { model: 'pet', via: 'kids' } }), 'pet', 'owner', /`via: 'kids'` names no attribute of `pet`/);
  });

  it('via/through/dominant on a scalar attribute', () => {
    expectProblem(pet({ name: { type: 'string', via: 'x' } }), 'pet', 'name', /`via` only belongs on `collection` attributes/);
  });

  it('plural associations with required, columnName, defaultsTo or DDL hints', () => {
    expectProblem(pet({ kids: { collection: 'pet', required: true } }), 'pet', 'kids', /cannot be `required`/);
    expectProblem(pet({ kids: { collection: 'pet', columnName: 'kids' } }), 'pet', 'kids', /remove `columnName`/);
    expectProblem(pet({ kids: { collection: 'pet', defaultsTo: [] } }), 'pet', 'kids', /cannot have `defaultsTo`/);
    expectProblem(pet({ kids: { collection: 'pet', unique: true } }), 'pet', 'kids', /has no column; remove `unique`/);
  });
});
