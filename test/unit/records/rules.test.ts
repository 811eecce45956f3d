import { describe, expect, it } from 'vitest';
import { checkRuleConfig, DEPRECATED_RULE_ALIASES, RULE_NAMES, runRules, UNSUPPORTED_RULES } from '../../../src/records/rules.js';

const passes = (rule: string, config: unknown, value: unknown) => runRules({ [rule]: config }, value).length === 0;

describe('rule names', () => {
  it('lists every supported rule', () => {
    expect([...RULE_NAMES].sort()).toEqual(
      [
        'isBoolean', 'isNotEmptyString', 'isInteger', 'isNumber', 'isString', 'max', 'min', 'isAfter', 'isBefore',
        'isCreditCard', 'isEmail', 'isHexColor', 'isIn', 'isNotIn', 'isIP', 'isURL', 'isUUID', 'minLength',
        'maxLength', 'regex', 'custom',
      ].sort(),
    );
  });

  it('maps deprecated aliases to supported rules', () => {
    expect(DEPRECATED_RULE_ALIASES).toEqual({
      after: 'isAfter', before: 'isBefore', creditcard: 'isCreditCard', email: 'isEmail', in: 'isIn', enum: 'isIn',
      ip: 'isIP', notIn: 'isNotIn', url: 'isURL', uuid: 'isUUID', integer: 'isInteger',
    });
    for (const target of Object.values(DEPRECATED_RULE_ALIASES)) expect(RULE_NAMES).toContain(target);
  });

  it('lists the unsupported legacy rules', () => {
    expect(UNSUPPORTED_RULES).toHaveLength(21);
    expect(UNSUPPORTED_RULES).toEqual(expect.arrayContaining(['alpha', 'notNull', 'urlish', 'uuidv4', 'notRegex']));
    for (const name of UNSUPPORTED_RULES) expect(RULE_NAMES).not.toContain(name);
  });
});

describe('checkRuleConfig', () => {
  it('accepts well-formed configs', () => {
    expect(checkRuleConfig('isEmail', true, 'string')).toBeUndefined();
    expect(checkRuleConfig('isEmail', 'true', 'string')).toBeUndefined();
    expect(checkRuleConfig('max', 10, 'number')).toBeUndefined();
    expect(checkRuleConfig('minLength', 2, 'json')).toBeUndefined();
    expect(checkRuleConfig('isIn', ['a'], 'string')).toBeUndefined();
    expect(checkRuleConfig('regex', /a/, 'ref')).toBeUndefined();
    expect(checkRuleConfig('custom', (v: unknown) => v === 1, 'boolean')).toBeUndefined();
  });

  it('accepts false (it ends evaluation) for any rule', () => {
    expect(checkRuleConfig('isEmail', false, 'string')).toBeUndefined();
    expect(checkRuleConfig('max', 'false', 'number')).toBeUndefined();
  });

  it('accepts numbers, Dates and parseable date strings for isAfter/isBefore (decision 11)', () => {
    expect(checkRuleConfig('isAfter', 0, 'number')).toBeUndefined();
    expect(checkRuleConfig('isAfter', new Date('2020-01-01'), 'string')).toBeUndefined();
    expect(checkRuleConfig('isBefore', '2020-01-01T00:00:00Z', 'string')).toBeUndefined();
    expect(checkRuleConfig('isBefore', 'not a date', 'string')).toMatch(/isBefore.*parseable date string/);
    expect(checkRuleConfig('isAfter', new Date('nope'), 'string')).toMatch(/isAfter/);
  });

  it('names unknown, unsupported and deprecated rules', () => {
    expect(checkRuleConfig('isFancy', true, 'string')).toMatch(/Unknown validation rule `isFancy`/);
    expect(checkRuleConfig('alpha', true, 'string')).toMatch(/`alpha` is no longer supported/);
    expect(checkRuleConfig('email', true, 'string')).toMatch(/`email` is deprecated; use `isEmail`/);
  });

  it('rejects rules on types they do not apply to', () => {
    expect(checkRuleConfig('isEmail', true, 'number')).toMatch(/`isEmail` cannot be used on an attribute of type `number`.*json, ref, string/);
    expect(checkRuleConfig('max', 1, 'string')).toMatch(/type `string`/);
    expect(checkRuleConfig('isBoolean', true, 'boolean')).toMatch(/type `boolean`/);
    expect(checkRuleConfig('isString', true, 'string')).toMatch(/type `string`/);
    expect(checkRuleConfig('isIn', ['a'], 'boolean')).toMatch(/type `boolean`/);
    expect(checkRuleConfig('isAfter', 0, 'boolean')).toMatch(/type `boolean`/);
  });

  it('rejects bad configs, saying what is expected', () => {
    expect(checkRuleConfig('isEmail', 1, 'string')).toMatch(/Invalid configuration for validation rule `isEmail`: expected `true`, but got 1/);
    expect(checkRuleConfig('max', '10', 'number')).toMatch(/`max`: expected a number/);
    expect(checkRuleConfig('min', Number.NaN, 'number')).toMatch(/expected a number/);
    expect(checkRuleConfig('maxLength', true, 'string')).toMatch(/expected a number/);
    expect(checkRuleConfig('isNotIn', 'a', 'string')).toMatch(/expected an array/);
    expect(checkRuleConfig('regex', 'a+', 'string')).toMatch(/expected a RegExp/);
    expect(checkRuleConfig('custom', true, 'string')).toMatch(/expected a function/);
    expect(checkRuleConfig('custom', async () => true, 'string')).toMatch(/synchronous/);
  });
});

describe('runRules: each rule (pass, fail, and the empty string)', () => {
  const table: readonly { rule: string; config: unknown; pass: readonly unknown[]; fail: readonly unknown[]; empty: boolean }[] = [
    { rule: 'isBoolean', config: true, pass: [true, false], fail: ['true', 1], empty: false },
    { rule: 'isNotEmptyString', config: true, pass: ['a', ' '], fail: [], empty: false },
    { rule: 'isInteger', config: true, pass: [0, 3, -7], fail: [1.5, '3', 1e21], empty: false },
    { rule: 'isNumber', config: true, pass: [0, 1.5], fail: ['1'], empty: false },
    { rule: 'isString', config: true, pass: ['x'], fail: [1, {}], empty: true },
    { rule: 'max', config: 10, pass: [10, -3], fail: [11, '5'], empty: false },
    { rule: 'min', config: 10, pass: [10, 11], fail: [9, '20'], empty: false },
    { rule: 'isAfter', config: new Date('2020-01-01T00:00:00Z'), pass: ['2021-01-01', Date.UTC(2020, 0, 2), new Date('2020-06-01')], fail: ['2019-12-31', Date.UTC(2020, 0, 1), 'garbage', true], empty: true },
    { rule: 'isBefore', config: '2020-01-01T00:00:00Z', pass: ['2019-01-01', 0], fail: ['2021-01-01', 'garbage'], empty: true },
    { rule: 'isCreditCard', config: true, pass: ['4111111111111111'], fail: ['4111111111111112', 4111111111111111], empty: true },
    { rule: 'isEmail', config: true, pass: ['a@example.com'], fail: ['a@', 'plain', 5], empty: true },
    { rule: 'isHexColor', config: true, pass: ['#fff', 'a0b1c2'], fail: ['#ggg'], empty: true },
    { rule: 'isIn', config: ['a', 1], pass: ['a', 1], fail: ['b', '1'], empty: true },
    { rule: 'isNotIn', config: ['a', 1], pass: ['b', '1'], fail: ['a', 1], empty: true },
    { rule: 'isIP', config: true, pass: ['127.0.0.1', '::1', '2001:db8::1'], fail: ['256.1.1.1', 'host'], empty: true },
    { rule: 'isURL', config: true, pass: ['https://example.com/x?y=1', 'http://localhost:1337/api', 'localhost:1337'], fail: ['http://', 'not a url', 'http://intranet'], empty: true },
    { rule: 'isUUID', config: true, pass: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-1ef8-bb6d-6bb9bd380a11'], fail: ['a0eebc99', 12], empty: true },
    { rule: 'minLength', config: 3, pass: ['abc'], fail: ['ab', 123], empty: true },
    { rule: 'maxLength', config: 3, pass: ['abc'], fail: ['abcd', 1], empty: true },
    { rule: 'regex', config: /^a+$/, pass: ['aaa'], fail: ['b', 1], empty: true },
  ];

  for (const { rule, config, pass, fail, empty } of table) {
    it(rule, () => {
      for (const value of pass) expect(passes(rule, config, value), `${rule} should pass ${String(value)}`).toBe(true);
      for (const value of fail) expect(passes(rule, config, value), `${rule} should fail ${String(value)}`).toBe(false);
      expect(passes(rule, config, ''), `${rule} on ''`).toBe(empty);
    });
  }

  it('custom: truthy passes, falsy fails, a throw fails with its message', () => {
    expect(passes('custom', (v: unknown) => v === 'ok', 'ok')).toBe(true);
    expect(runRules({ custom: (v: unknown) => v === 'ok' }, 'nope')).toEqual([{ rule: 'custom', message: expect.stringMatching(/failed custom validation/) }]);
    const throwing = () => {
      throw new Error('must be even');
    };
    expect(runRules({ custom: throwing }, 3)).toEqual([{ rule: 'custom', message: 'must be even' }]);
    // '' is not special for custom.
    expect(passes('custom', (v: unknown) => v !== '', '')).toBe(false);
  });

  it('custom: a promise result is a violation (rules are synchronous)', () => {
    expect(passes('custom', () => Promise.resolve(true), 1)).toBe(false);
  });

  it('a global regex gives the same answer every time', () => {
    const rules = { regex: /a/g };
    expect(runRules(rules, 'a')).toEqual([]);
    expect(runRules(rules, 'a')).toEqual([]);
  });

  it('writes readable messages', () => {
    expect(runRules({ max: 10 }, 11)).toEqual([{ rule: 'max', message: 'Value (11) was greater than the configured maximum (10)' }]);
    expect(runRules({ min: 1 }, 0)[0]?.message).toBe('Value (0) was less than the configured minimum (1)');
    expect(runRules({ isEmail: true }, 'x')[0]?.message).toBe('Value ("x") was not a valid email address.');
    expect(runRules({ isIn: ['a', 'b'] }, 'c')[0]?.message).toBe('Value ("c") was not in the configured whitelist ("a", "b")');
    expect(runRules({ minLength: 2 }, 'a')[0]?.message).toMatch(/shorter than the configured minimum length \(2\)/);
  });
});

describe('runRules: evaluation', () => {
  it('reports every failing rule, in declaration order', () => {
    const result = runRules({ isString: true, minLength: 5, isEmail: true }, 'abc');
    expect(result.map((v) => v.rule)).toEqual(['minLength', 'isEmail']);
  });

  it('a false config ends evaluation of the remaining rules', () => {
    expect(runRules({ max: 1, isEmail: false, min: 100 }, 5).map((v) => v.rule)).toEqual(['max']);
    expect(runRules({ isEmail: false, max: 1 }, 5)).toEqual([]);
    expect(runRules({ 'isInteger': 'false', max: 1 }, 5)).toEqual([]);
  });

  it("treats 'true' as true", () => {
    expect(passes('isEmail', 'true', 'x')).toBe(false);
    expect(passes('isEmail', 'true', 'a@b.co')).toBe(true);
  });

  it('never runs on null or undefined', () => {
    expect(runRules({ isNotEmptyString: true, isString: true }, null)).toEqual([]);
    expect(runRules({ isNotEmptyString: true }, undefined)).toEqual([]);
  });

  it('reports an unknown rule instead of crashing', () => {
    expect(runRules({ isFancy: true }, 'x')).toEqual([{ rule: 'isFancy', message: expect.stringMatching(/Unknown validation rule/) }]);
  });
});
