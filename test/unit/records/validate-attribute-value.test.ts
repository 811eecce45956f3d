import { describe, expect, it } from 'vitest';
import type { Attribute } from '../../../src/schema/ontology.js';
import { validateAttributeValue, type ValueResult } from '../../../src/records/validate-attribute-value.js';
import { model, modelWith, ontologyOf, plural, scalar, singular } from './fixtures.js';

const check = (attr: Attribute, value: unknown, context: 'create' | 'update' | 'validate' = 'create'): ValueResult =>
  validateAttributeValue(modelWith(attr), attr.name, value, context);

const valueOf = (result: ValueResult): unknown => {
  if (!result.ok) throw new Error(`expected success, got ${result.problem.message}`);
  return result.value;
};
const codeOf = (result: ValueResult): string | undefined => (result.ok ? undefined : result.problem.code);

describe('type checking and coercion (spec §3)', () => {
  const table: Record<'string' | 'number' | 'boolean', { accept: [unknown, unknown][]; reject: unknown[] }> = {
    string: {
      accept: [
        ['abc', 'abc'], ['', ''], [27, '27'], [-1.5, '-1.5'], [true, 'true'], [false, 'false'],
        [new Date('2020-01-02T03:04:05.006Z'), '2020-01-02T03:04:05.006Z'],
      ],
      reject: [null, {}, [], () => 1, Number.NaN, Infinity, -Infinity],
    },
    number: {
      accept: [[27, 27], [-3.5, -3.5], ['27.01', 27.01], ['-4', -4], ['1e3', 1000], [true, 1], [false, 0], [new Date(1234), 1234]],
      reject: [null, Number.NaN, Infinity, -Infinity, '', ' 1', '1 ', 'Infinity', 'abc', {}, []],
    },
    boolean: {
      accept: [[true, true], [false, false], ['true', true], ['1', true], [1, true], ['false', false], ['0', false], [0, false]],
      reject: [null, 'yes', 2, '', {}, []],
    },
  };

  for (const [type, { accept, reject }] of Object.entries(table)) {
    it(`${type}: accepts and coerces`, () => {
      for (const [input, output] of accept) expect(valueOf(check(scalar('a', type as 'string'), input))).toEqual(output);
    });
    it(`${type}: rejects with E_TYPE`, () => {
      for (const input of reject) {
        const result = check(scalar('a', type as 'string'), input);
        expect(codeOf(result), `${type} should reject ${String(input)}`).toBe('E_TYPE');
        if (!result.ok && result.problem.code === 'E_TYPE') expect(result.problem.expectedType).toBe(type);
      }
    });
  }

  it('json: rebuilds values into plain JSON', () => {
    const json = scalar('a', 'json');
    expect(valueOf(check(json, { a: 1, b: undefined, c: [1, undefined, 2] }))).toEqual({ a: 1, c: [1, 2] });
    expect(valueOf(check(json, { at: new Date('2020-01-01T00:00:00.000Z') }))).toEqual({ at: '2020-01-01T00:00:00.000Z' });
    expect(valueOf(check(json, [/ab+/g]))).toEqual(['/ab+/g']);
    expect(valueOf(check(json, [Number.NaN, Infinity, -Infinity]))).toEqual([0, 0, 0]);
    expect(valueOf(check(json, { buf: Buffer.from('x') }))).toEqual({ buf: null });
    const fn = valueOf(check(json, [function named() {}])) as string[];
    expect(fn[0]).toMatch(/^function named\(\)/);
    const err = valueOf(check(json, { e: new Error('boom') })) as { e: string };
    expect(err.e).toMatch(/^Error: boom/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(valueOf(check(json, cyclic))).toEqual({ a: 1, self: expect.stringMatching(/^\[Circular/) });
    expect(valueOf(check(json, null))).toBeNull();
    expect(valueOf(check(json, 'text'))).toBe('text');
  });

  it('ref: anything but undefined, by reference', () => {
    const ref = scalar('a', 'ref');
    const thing = { nested: new Map() };
    expect(valueOf(check(ref, thing))).toBe(thing);
    expect(valueOf(check(ref, null))).toBeNull();
    expect(codeOf(check(ref, undefined))).toBe('E_HIGHLY_IRREGULAR');
  });

  it('names the attribute in messages', () => {
    const result = check(scalar('age', 'number'), 'abc');
    expect(result.ok ? '' : result.problem.message).toBe('Could not use specified `age`: Expected a number, but instead, got: "abc"');
  });
});

describe('null, required, empty strings, timestamps', () => {
  it('null is refused for string/number/boolean unless allowNull', () => {
    for (const type of ['string', 'number', 'boolean'] as const) {
      const result = check(scalar('a', type), null);
      expect(codeOf(result)).toBe('E_TYPE');
      expect(result.ok ? '' : result.problem.message).toMatch(/allowNull/);
      expect(valueOf(check(scalar('a', type, { allowNull: true }), null))).toBeNull();
    }
  });

  it('null skips rules', () => {
    expect(valueOf(check(scalar('a', 'string', { allowNull: true, validations: { isNotEmptyString: true } }), null))).toBeNull();
  });

  it('null for a required attribute: E_TYPE for string/number/boolean, E_REQUIRED for json/ref', () => {
    expect(codeOf(check(scalar('a', 'string', { required: true }), null))).toBe('E_TYPE');
    expect(codeOf(check(scalar('a', 'number', { required: true }), null))).toBe('E_TYPE');
    expect(codeOf(check(scalar('a', 'json', { required: true }), null))).toBe('E_REQUIRED');
    expect(codeOf(check(scalar('a', 'ref', { required: true }), null))).toBe('E_REQUIRED');
  });

  it("'' for a required attribute is E_REQUIRED", () => {
    expect(codeOf(check(scalar('a', 'string', { required: true }), ''))).toBe('E_REQUIRED');
    expect(codeOf(check(scalar('a', 'json', { required: true }), ''))).toBe('E_REQUIRED');
    expect(valueOf(check(scalar('a', 'string'), ''))).toBe('');
  });

  it("timestamps reject ''", () => {
    expect(codeOf(check(scalar('at', 'string', { autoCreatedAt: true }), ''))).toBe('E_TYPE');
    expect(codeOf(check(scalar('at', 'ref', { autoUpdatedAt: true }), ''))).toBe('E_TYPE');
    expect(valueOf(check(scalar('at', 'number', { autoUpdatedAt: true }), '5'))).toBe(5);
  });

  it('rules run after coercion and give E_VIOLATES_RULES with every violation', () => {
    const result = check(scalar('age', 'number', { validations: { min: 18, isIn: [20, 30] } }), '11');
    expect(result).toEqual({
      ok: false,
      problem: {
        code: 'E_VIOLATES_RULES',
        attribute: 'age',
        ruleViolations: [
          { rule: 'min', message: 'Value (11) was less than the configured minimum (18)' },
          { rule: 'isIn', message: 'Value (11) was not in the configured whitelist (20, 30)' },
        ],
        message: expect.stringMatching(/^Could not use specified `age`: Violated 2 validation rules: `min`: .*; `isIn`: /),
      },
    });
    expect(valueOf(check(scalar('age', 'number', { validations: { min: 18 } }), '20'))).toBe(20);
  });
});

describe('primary keys', () => {
  const numberPk = model('m', [scalar('id', 'number')]);
  const stringPk = model('m', [scalar('id', 'string', { validations: { minLength: 3 } })]);
  const pk = (m: typeof numberPk, value: unknown) => validateAttributeValue(m, 'id', value, 'create');

  it('number pk: safe positive integers; digit strings converted', () => {
    expect(valueOf(pk(numberPk, 12))).toBe(12);
    expect(valueOf(pk(numberPk, '12'))).toBe(12);
    expect(valueOf(pk(numberPk, Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, '-1', '1.5', '', 'abc', null, true]) {
      expect(codeOf(pk(numberPk, bad)), `should reject ${String(bad)}`).toBe('E_HIGHLY_IRREGULAR');
    }
  });

  it('string pk: non-empty strings only, numbers not stringified; rules apply', () => {
    expect(valueOf(pk(stringPk, 'abc'))).toBe('abc');
    for (const bad of ['', 12, null, {}]) expect(codeOf(pk(stringPk, bad))).toBe('E_HIGHLY_IRREGULAR');
    expect(codeOf(pk(stringPk, 'ab'))).toBe('E_VIOLATES_RULES');
  });
});

describe('associations', () => {
  it('singular: null unless required, else a valid pk of the target', () => {
    expect(valueOf(check(singular('owner', 'user', 'number'), null))).toBeNull();
    expect(valueOf(check(singular('owner', 'user', 'number'), '7'))).toBe(7);
    expect(valueOf(check(singular('owner', 'user', 'string'), 'u1'))).toBe('u1');
    expect(codeOf(check(singular('owner', 'user', 'number', { required: true }), null))).toBe('E_REQUIRED');
    expect(codeOf(check(singular('owner', 'user', 'number'), 0))).toBe('E_HIGHLY_IRREGULAR');
    expect(codeOf(check(singular('owner', 'user', 'string'), 7))).toBe('E_HIGHLY_IRREGULAR');
    const nested = check(singular('owner', 'user', 'number'), { name: 'x' });
    expect(nested.ok ? '' : nested.problem.message).toMatch(/Nested creates are not supported/);
  });

  describe('plural', () => {
    const pet = model('pet', [scalar('id', 'string')]);
    const owner = model('owner', [scalar('id', 'number'), plural('pets', 'pet')]);
    const ontology = ontologyOf(pet, owner);
    const set = (value: unknown, context: 'create' | 'update' | 'validate' = 'create') =>
      validateAttributeValue(owner, 'pets', value, context, ontology);

    it('takes a pk or an array of pks of the target, de-duplicated', () => {
      expect(valueOf(set('a'))).toEqual(['a']);
      expect(valueOf(set(['a', 'b', 'a']))).toEqual(['a', 'b']);
      expect(valueOf(set([], 'update'))).toEqual([]);
    });

    it('refuses invalid ids, naming the item', () => {
      const result = set(['a', 3]);
      expect(codeOf(result)).toBe('E_HIGHLY_IRREGULAR');
      expect(result.ok ? '' : result.problem.message).toMatch(/`pets`.*item #1/);
      expect(codeOf(set(null))).toBe('E_HIGHLY_IRREGULAR');
    });

    it('is refused by validate()', () => {
      expect(codeOf(set(['a'], 'validate'))).toBe('E_HIGHLY_IRREGULAR');
    });

    it('needs the ontology', () => {
      expect(() => validateAttributeValue(owner, 'pets', ['a'], 'create')).toThrow(/Consistency violation/);
    });
  });
});

describe('unknown attributes', () => {
  it('schemaful: refused (callers drop them first)', () => {
    expect(codeOf(validateAttributeValue(model('m', [scalar('id', 'number')]), 'nope', 1, 'validate'))).toBe('E_HIGHLY_IRREGULAR');
  });

  it('schemaless: validated as json', () => {
    const m = model('m', [scalar('id', 'number')], { hasSchema: false });
    expect(valueOf(validateAttributeValue(m, 'extra', { a: undefined, b: 1 }, 'update'))).toEqual({ b: 1 });
    expect(codeOf(validateAttributeValue(m, 'toJSON', 1, 'update'))).toBe('E_HIGHLY_IRREGULAR');
  });

  it('undefined is never a value', () => {
    expect(codeOf(check(scalar('a', 'json'), undefined))).toBe('E_HIGHLY_IRREGULAR');
  });
});
