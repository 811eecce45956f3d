import { describe, expect, it } from 'vitest';
import { normalizeSailsDefinition } from '../../../src/schema/normalize-sails-definition.js';

const attrsOf = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  normalizeSailsDefinition({ primaryKey: 'id', attributes, ...extra });

describe('normalizeSailsDefinition', () => {
  it('expands a type name to {type} and lower-cases types', () => {
    const { definition, problems } = attrsOf({ name: 'string', age: { type: 'NUMBER' } });
    expect(problems).toEqual([]);
    expect(definition['attributes']).toEqual({
      name: { type: 'string', autoMigrations: { unique: false, autoIncrement: false, columnType: '_string' } },
      age: { type: 'number', autoMigrations: { unique: false, autoIncrement: false, columnType: '_number' } },
    });
  });

  it('removes attributes set to false', () => {
    const { definition } = attrsOf({ name: 'string', updatedAt: false });
    expect(Object.keys(definition['attributes'] as object)).toEqual(['name']);
  });

  it('renames old types with a warning', () => {
    const { definition, warnings } = attrsOf({ bio: { type: 'text' }, n: { type: 'Integer' }, f: { type: 'float' } });
    const attributes = definition['attributes'] as Record<string, { type: string }>;
    expect([attributes['bio']?.type, attributes['n']?.type, attributes['f']?.type]).toEqual(['string', 'number', 'number']);
    expect(warnings.map((w) => w.attribute)).toEqual(['bio', 'n', 'f']);
  });

  it('rejects array/date/datetime/binary/objectid with a suggestion', () => {
    const { problems, unusable } = attrsOf({
      a: { type: 'array' },
      b: { type: 'Date' },
      c: { type: 'datetime' },
      d: { type: 'binary' },
      e: { type: 'objectid' },
    });
    expect(problems.map((p) => p.attribute)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(problems[1]?.message).toMatch(/`date` is not supported; use `type: 'string'`/);
    expect(unusable).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('moves top-level unique/autoIncrement/columnType into autoMigrations', () => {
    const { definition } = attrsOf({
      id: { type: 'number', autoIncrement: true },
      email: { type: 'string', unique: true, columnType: 'varchar(191)' },
    });
    expect(definition['attributes']).toEqual({
      id: { type: 'number', autoMigrations: { autoIncrement: true, unique: true, columnType: '_numberkey' } },
      email: { type: 'string', autoMigrations: { unique: true, columnType: 'varchar(191)', autoIncrement: false } },
    });
  });

  it('gives default column types: pk key, timestamps, encrypted text, plain type', () => {
    const { definition } = attrsOf(
      {
        code: { type: 'string' },
        createdAt: { type: 'number', autoCreatedAt: true },
        updatedAt: { type: 'string', autoUpdatedAt: true },
        secret: { type: 'json', encrypt: true },
        flag: { type: 'boolean' },
      },
      { primaryKey: 'code' },
    );
    const types = Object.values(definition['attributes'] as Record<string, { autoMigrations: { columnType: string; unique: boolean } }>).map(
      (a) => [a.autoMigrations.columnType, a.autoMigrations.unique],
    );
    expect(types).toEqual([
      ['_stringkey', true],
      ['_numbertimestamp', false],
      ['_stringtimestamp', false],
      ['_string', false],
      ['_boolean', false],
    ]);
  });

  it('gives singular associations autoMigrations without a column type (taken from the target later)', () => {
    const { definition } = attrsOf({ owner: { model: 'user', unique: true }, pets: { collection: 'pet', via: 'owner' } });
    expect(definition['attributes']).toEqual({
      owner: { model: 'user', autoMigrations: { unique: true, autoIncrement: false } },
      pets: { collection: 'pet', via: 'owner' },
    });
  });

  it('moves top-level rules into validations after the declared ones, renaming deprecated names', () => {
    const { definition, warnings, problems } = attrsOf({
      email: { type: 'string', validations: { maxLength: 200 }, email: true, isNotEmptyString: true },
      kind: { type: 'string', enum: ['a', 'b'] },
      age: { type: 'number', min: 0, max: 150, integer: true },
    });
    expect(problems).toEqual([]);
    const attributes = definition['attributes'] as Record<string, { validations: unknown }>;
    expect(attributes['email']?.validations).toEqual({ maxLength: 200, isEmail: true, isNotEmptyString: true });
    expect(Object.keys(attributes['email']?.validations as object)).toEqual(['maxLength', 'isEmail', 'isNotEmptyString']);
    expect(attributes['kind']?.validations).toEqual({ isIn: ['a', 'b'] });
    expect(attributes['age']?.validations).toEqual({ min: 0, max: 150, isInteger: true });
    expect(warnings.map((w) => w.attribute)).toEqual(['email', 'kind', 'age']);
  });

  it('renames deprecated names inside validations too', () => {
    const { definition } = attrsOf({ site: { type: 'string', validations: { url: true } } });
    expect((definition['attributes'] as Record<string, { validations: unknown }>)['site']?.validations).toEqual({ isURL: true });
  });

  it('rejects old rule names that are no longer supported', () => {
    const { problems } = attrsOf({ name: { type: 'string', alphanumeric: true, validations: { notNull: true } } });
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.attribute === 'name' && /no longer supported/.test(p.message))).toBe(true);
  });

  it('drops rules on associations with a warning', () => {
    const { definition, warnings } = attrsOf({ owner: { model: 'user', isInteger: true } });
    expect((definition['attributes'] as Record<string, object>)['owner']).not.toHaveProperty('validations');
    expect(warnings).toEqual([{ attribute: 'owner', message: expect.stringMatching(/ignored \(isInteger\)/) }]);
  });

  it('leaves unknown keys and malformed attributes for validation, and never mutates its input', () => {
    const raw = { attributes: { odd: { type: 'string', colour: 'red' }, fn: () => 1 } };
    const snapshot = JSON.stringify(raw);
    const { definition, problems } = normalizeSailsDefinition(raw);
    expect(problems).toEqual([]);
    expect((definition['attributes'] as Record<string, Record<string, unknown>>)['odd']?.['colour']).toBe('red');
    expect(typeof (definition['attributes'] as Record<string, unknown>)['fn']).toBe('function');
    expect(JSON.stringify(raw)).toBe(snapshot);
  });
});
