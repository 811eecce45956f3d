/** queries.md §3: constraint targets, comparison values and every modifier. */
import { afterEach, beforeEach, describe, expect, it, type MockInstance } from 'vitest';
import type { QueryMeta } from '../../../src/query/shapes.js';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import type { ModelOntology } from '../../../src/schema/ontology.js';
import { expectUsageError, spyOnWarnings } from './expect-error.js';
import { note, ontology, pet, user } from './fixtures.js';

const where = (clause: unknown, model: ModelOntology = user, meta?: QueryMeta) =>
  normalizeCriteria({ where: clause }, model, ontology, 'find', meta).where;
const DEEP: QueryMeta = { enableExperimentalDeepTargets: true };

let warn: MockInstance<(...args: unknown[]) => void>;
beforeEach(() => {
  warn = spyOnWarnings();
});
afterEach(() => {
  warn.mockRestore();
});

describe('targets', () => {
  it('schemaful models only accept declared attributes', () => {
    expectUsageError(() => where({ nickname: 'x' }), 'E_INVALID_CRITERIA', '`user`', '`nickname`', 'not an attribute');
    expectUsageError(() => where({ constructor: 'x' }), 'E_INVALID_CRITERIA', '`constructor`', 'not an attribute');
  });

  it('plural associations can never be filtered on', () => {
    expectUsageError(() => where({ pets: 1 }), 'E_INVALID_CRITERIA', '`user`', '`pets`', 'plural association');
  });

  it('schemaless models accept valid undeclared names, validated as JSON', () => {
    expect(where({ mood: 'happy' }, note)).toEqual({ mood: 'happy' });
    expect(where({ when: { '>': new Date(0) } }, note)).toEqual({ when: { '>': '1970-01-01T00:00:00.000Z' } });
    expect(where({ title: 12 }, note)).toEqual({ title: '12' });
  });

  it.each(['toJSON', 'toObject', 'delete', '1abc', 'has-dash', ''])('schemaless models refuse the name %j', (name) => {
    expectUsageError(() => where({ [name]: 1 }, note), 'E_INVALID_CRITERIA', '`note`', 'not a valid attribute name');
  });

  it('dot notation needs enableExperimentalDeepTargets and a json/ref (or undeclared) root', () => {
    expectUsageError(() => where({ 'data.city': 'x' }), 'E_INVALID_CRITERIA', '`data.city`', 'enableExperimentalDeepTargets');
    expect(where({ 'data.city': 'x' }, user, DEEP)).toEqual({ 'data.city': 'x' });
    expect(where({ 'photo.size': { '>': 3 } }, pet, DEEP)).toEqual({ 'photo.size': { '>': 3 } });
    expect(where({ 'address.city': 'x' }, note, DEEP)).toEqual({ 'address.city': 'x' });
    expectUsageError(() => where({ 'name.first': 'x' }, user, DEEP), 'E_INVALID_CRITERIA', '`name`', 'not a `json` or `ref` attribute');
    expectUsageError(() => where({ 'address.city': 'x' }, user, DEEP), 'E_INVALID_CRITERIA', '`address`', 'not an attribute');
    expectUsageError(() => where({ 'data..city': 'x' }, user, DEEP), 'E_INVALID_CRITERIA', 'non-empty');
  });
});

describe('right-hand side', () => {
  it('a primitive or null is equality; an array is `in`', () => {
    expect(where({ name: 'a' })).toEqual({ name: 'a' });
    expect(where({ name: null })).toEqual({ name: null });
    expect(where({ age: null })).toEqual({ age: null });
    expect(where({ name: ['a', 'b'] })).toEqual({ name: { in: ['a', 'b'] } });
  });

  it('an empty modifier dictionary is refused', () => {
    expectUsageError(() => where({ age: {} }), 'E_INVALID_CRITERIA', '`user`', '`age`', 'at least one modifier');
  });

  it('a Date given directly is refused with a hint; inside a modifier it is coerced (decision #5)', () => {
    const date = new Date(1000);
    expectUsageError(() => where({ age: date }), 'E_INVALID_CRITERIA', '`age`', "{'>=': date}");
    expect(where({ age: { '>=': date } })).toEqual({ age: { '>=': 1000 } });
    expect(where({ name: { '<': date } })).toEqual({ name: { '<': '1970-01-01T00:00:01.000Z' } });
  });

  it('other non-plain objects given directly are refused', () => {
    expectUsageError(() => where({ data: Buffer.from('a') }), 'E_INVALID_CRITERIA', '`data`', 'neither a primitive value nor a modifier');
  });

  it.each(['name', 'age', 'active', 'data', 'pet'])('a function is refused for `%s`', (attr) => {
    expectUsageError(() => where({ [attr]: () => 1 }), 'E_INVALID_CRITERIA', '`user`', `\`${attr}\``, 'a function');
  });
});

describe('comparison values', () => {
  it('are coerced loosely to the attribute type', () => {
    expect(where({ age: '42' })).toEqual({ age: 42 });
    expect(where({ name: 12 })).toEqual({ name: '12' });
    expect(where({ active: 'true' })).toEqual({ active: true });
    expect(where({ id: '3.5' })).toEqual({ id: 3.5 });
    expect(where({ data: { in: [{ a: 1 }] } })).toEqual({ data: { in: [{ a: 1 }] } });
  });

  it('name the model, the attribute and the problem when they cannot be', () => {
    expectUsageError(() => where({ age: 'abc' }), 'E_INVALID_CRITERIA', 'Invalid criteria for model `user`: the `age` attribute is a number, but "abc" cannot be compared to it');
    expectUsageError(() => where({ id: 'abc' }), 'E_INVALID_CRITERIA', 'the `id` attribute is a number');
    expectUsageError(() => where({ active: 'maybe' }), 'E_INVALID_CRITERIA', 'the `active` attribute is a boolean');
  });

  it('for a singular association use the target primary key type', () => {
    expect(where({ pet: '5' })).toEqual({ pet: 5 });
    expect(where({ tag: 5 }, pet)).toEqual({ tag: '5' });
    expectUsageError(() => where({ pet: 'rex' }), 'E_INVALID_CRITERIA', '`pet`', 'singular association to `pet`', 'primary key is a number');
  });
});

describe('modifiers', () => {
  it.each(['<', '<=', '>', '>='])('%s takes a coerced comparison value', (modifier) => {
    expect(where({ age: { [modifier]: '5' } })).toEqual({ age: { [modifier]: 5 } });
    expect(where({ name: { [modifier]: 'm' } })).toEqual({ name: { [modifier]: 'm' } });
    expect(where({ pet: { [modifier]: 2 } })).toEqual({ pet: { [modifier]: 2 } });
  });

  it.each(['<', '<=', '>', '>='])('%s refuses null and boolean attributes', (modifier) => {
    expectUsageError(() => where({ age: { [modifier]: null } }), 'E_INVALID_CRITERIA', '`user`', '`null`', '`age`', "'!=': null");
    expectUsageError(() => where({ active: { [modifier]: true } }), 'E_INVALID_CRITERIA', '`active`', 'boolean attribute');
  });

  it('!= takes a comparison value or null; with an array it becomes nin', () => {
    expect(where({ age: { '!=': '3' } })).toEqual({ age: { '!=': 3 } });
    expect(where({ name: { '!=': null } })).toEqual({ name: { '!=': null } });
    expect(where({ active: { '!=': false } })).toEqual({ active: { '!=': false } });
    expect(where({ age: { '!=': ['1', 2] } })).toEqual({ age: { nin: [1, 2] } });
  });

  it.each(['in', 'nin'] as const)('%s needs an array, drops undefined items, coerces and refuses null items', (modifier) => {
    expect(where({ age: { [modifier]: ['1', undefined, 2] } })).toEqual({ age: { [modifier]: [1, 2] } });
    expectUsageError(() => where({ age: { [modifier]: 3 } }), 'E_INVALID_CRITERIA', '`user`', `\`${modifier}\``, 'must be an array');
    expectUsageError(() => where({ age: { [modifier]: [1, null] } }), 'E_INVALID_CRITERIA', '`null`', `\`${modifier}\` list for \`age\``);
    expectUsageError(() => where({ age: { [modifier]: [1, 'x'] } }), 'E_INVALID_CRITERIA', '`age`', '"x"');
  });

  it('in: [] (or only undefined items) is void; nin: [] is universal', () => {
    expectUsageError(() => where({ age: { in: [undefined] } }), 'E_NOOP');
    expect(where({ age: { nin: [undefined] } })).toEqual({});
  });

  it('like takes a non-empty string as is, with no coercion', () => {
    expect(where({ name: { like: 'a_b%' } })).toEqual({ name: { like: 'a_b%' } });
    expect(where({ data: { like: '%x%' } })).toEqual({ data: { like: '%x%' } });
    expect(where({ tag: { like: 'r%' } }, pet)).toEqual({ tag: { like: 'r%' } });
    for (const bad of [12, '', null, true]) {
      expectUsageError(() => where({ name: { like: bad } }), 'E_INVALID_CRITERIA', '`user`', '`like`', '`name`', 'non-empty string');
    }
  });

  it.each(['like', 'contains', 'startsWith', 'endsWith'])('%s is refused on numbers, booleans and fks to numeric pks', (modifier) => {
    expectUsageError(() => where({ age: { [modifier]: 'a' } }), 'E_INVALID_CRITERIA', `\`${modifier}\``, '`age`', 'number attribute');
    expectUsageError(() => where({ active: { [modifier]: 'a' } }), 'E_INVALID_CRITERIA', '`active`', 'boolean attribute');
    expectUsageError(() => where({ pet: { [modifier]: 'a' } }), 'E_INVALID_CRITERIA', '`pet`', 'primary key is a number');
  });

  it('contains / startsWith / endsWith become like, escaping %, _ and the backslash', () => {
    expect(where({ name: { contains: 'ab' } })).toEqual({ name: { like: '%ab%' } });
    expect(where({ name: { startsWith: 'ab' } })).toEqual({ name: { like: 'ab%' } });
    expect(where({ name: { endsWith: 'ab' } })).toEqual({ name: { like: '%ab' } });
    expect(where({ name: { contains: '50%_off\\' } })).toEqual({ name: { like: '%50\\%\\_off\\\\%' } });
    expect(where({ name: { startsWith: '%' } })).toEqual({ name: { like: '\\%%' } });
    expect(where({ name: { endsWith: '_' } })).toEqual({ name: { like: '%\\_' } });
  });

  it('contains / startsWith / endsWith coerce numbers but refuse null', () => {
    expect(where({ name: { contains: 12 } })).toEqual({ name: { like: '%12%' } });
    for (const modifier of ['contains', 'startsWith', 'endsWith']) {
      expectUsageError(() => where({ name: { [modifier]: null } }), 'E_INVALID_CRITERIA', `\`${modifier}\``, '`name`', 'must be a string');
      expectUsageError(() => where({ name: { [modifier]: {} } }), 'E_INVALID_CRITERIA', 'must be a string');
    }
  });

  it.each([
    ['lessThan', '<'],
    ['lessThanOrEqual', '<='],
    ['greaterThan', '>'],
    ['greaterThanOrEqual', '>='],
    ['not', '!='],
    ['!', '!='],
    ['!==', '!='],
  ])('deprecated alias %s is renamed to %s with a warning', (alias, modifier) => {
    expect(where({ age: { [alias]: '4' } })).toEqual({ age: { [modifier]: 4 } });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain(`\`${alias}\``);
  });

  it("the `not` / `!` aliases with an array mean nin", () => {
    expect(where({ age: { not: [1, 2] } })).toEqual({ age: { nin: [1, 2] } });
    expect(where({ age: { '!': [3] } })).toEqual({ age: { nin: [3] } });
  });

  it('unrecognized modifiers and undefined modifier values are refused', () => {
    expectUsageError(() => where({ age: { between: [1, 2] } }), 'E_INVALID_CRITERIA', '`user`', 'unrecognized modifier `between`', '`age`');
    expectUsageError(() => where({ data: { a: 1 } }), 'E_INVALID_CRITERIA', 'unrecognized modifier `a`');
    expectUsageError(() => where({ age: { '>': undefined } }), 'E_INVALID_CRITERIA', '`>`', '`age`', '`undefined`');
  });
});
