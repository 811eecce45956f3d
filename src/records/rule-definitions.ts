/**
 * The validation rules Waterline attributes can declare (anchor's rule set): which attribute
 * types each applies to, what configuration it takes, and how it tests a value.
 * `rules.ts` is the public face; this file is the table.
 */
// One module per check: the whole `validator` package costs about 4 MB of memory at import.
// These are CommonJS modules whose types declare `export default`; under NodeNext the default
// import is the module object, and `.default` is the function both in the types and at run time.
import isCreditCard from 'validator/lib/isCreditCard.js';
import isEmail from 'validator/lib/isEmail.js';
import isHexColor from 'validator/lib/isHexColor.js';
import isIP from 'validator/lib/isIP.js';
import isURL from 'validator/lib/isURL.js';
import isUUID from 'validator/lib/isUUID.js';
import type { AttributeType } from '../schema/ontology.js';
import { describeValue } from './coerce.js';

export interface RuleDefinition {
  /** Attribute types the rule may be declared on (Sails' lift-time check). */
  readonly types: readonly AttributeType[];
  /** anchor lets `''` through these rules untested (e.g. `isEmail`, `isIn`, `minLength`). */
  readonly passesEmptyString: boolean;
  /** Returns what is wrong with the configuration, or undefined when it is usable. */
  readonly checkConfig: (config: unknown) => string | undefined;
  /** Returns the violation message, or undefined when the value passes. */
  readonly test: (value: unknown, config: unknown) => string | undefined;
}

const ALL: readonly AttributeType[] = ['string', 'number', 'boolean', 'json', 'ref'];
const LOOSE: readonly AttributeType[] = ['json', 'ref'];
const STRINGY: readonly AttributeType[] = ['json', 'ref', 'string'];
const NUMERIC: readonly AttributeType[] = ['json', 'ref', 'number'];
const SCALAR: readonly AttributeType[] = ['json', 'ref', 'string', 'number'];

const show = (value: unknown): string => `Value (${describeValue(value)})`;

const expectTrue = (config: unknown): string | undefined =>
  config === true ? undefined : `expected \`true\`, but got ${describeValue(config)}`;

const expectNumber = (config: unknown): string | undefined =>
  typeof config === 'number' && Number.isFinite(config) ? undefined : `expected a number, but got ${describeValue(config)}`;

const expectArray = (config: unknown): string | undefined =>
  Array.isArray(config) ? undefined : `expected an array of allowed values, but got ${describeValue(config)}`;

/** A flag rule (config `true`) with a plain predicate. */
function flag(
  types: readonly AttributeType[],
  passesEmptyString: boolean,
  passes: (value: unknown) => boolean,
  failure: (value: unknown) => string,
): RuleDefinition {
  return { types, passesEmptyString, checkConfig: expectTrue, test: (value) => (passes(value) ? undefined : failure(value)) };
}

/** A flag rule backed by validator.js, which only understands strings. */
function stringFlag(passes: (text: string) => boolean, what: string): RuleDefinition {
  return {
    types: STRINGY,
    passesEmptyString: true,
    checkConfig: expectTrue,
    test: (value) => {
      if (typeof value !== 'string') return `${show(value)} was not a string, so it cannot be ${what}.`;
      return passes(value) ? undefined : `${show(value)} was not ${what}.`;
    },
  };
}

/** Milliseconds since the epoch for a number, a valid Date or a date string Date.parse accepts. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

// Decision 11: unlike Sails' inverted check, parseable date strings are accepted here.
const expectMoment = (config: unknown): string | undefined =>
  toEpochMs(config) === undefined
    ? `expected a Date, a timestamp in epoch ms or a parseable date string, but got ${describeValue(config)}`
    : undefined;

function moment(isAfter: boolean): RuleDefinition {
  return {
    types: SCALAR,
    passesEmptyString: true,
    checkConfig: expectMoment,
    test: (value, config) => {
      const at = toEpochMs(value);
      const limit = toEpochMs(config);
      if (at === undefined) return `${show(value)} was not a valid date.`;
      if (limit === undefined) return `The configured time (${describeValue(config)}) is not a valid date.`;
      if (isAfter ? at > limit : at < limit) return undefined;
      return `${show(value)} was ${isAfter ? 'not after' : 'not before'} the configured time (${describeValue(config)}).`;
    },
  };
}

function bound(isMax: boolean): RuleDefinition {
  return {
    types: NUMERIC,
    passesEmptyString: false,
    checkConfig: expectNumber,
    test: (value, config) => {
      if (typeof value !== 'number' || typeof config !== 'number') return `${show(value)} was not a number.`;
      if (isMax ? value <= config : value >= config) return undefined;
      return isMax
        ? `${show(value)} was greater than the configured maximum (${config})`
        : `${show(value)} was less than the configured minimum (${config})`;
    },
  };
}

function length(isMax: boolean): RuleDefinition {
  return {
    types: STRINGY,
    passesEmptyString: true,
    checkConfig: expectNumber,
    test: (value, config) => {
      if (typeof value !== 'string' || typeof config !== 'number') return `${show(value)} was not a string.`;
      if (isMax ? value.length <= config : value.length >= config) return undefined;
      return isMax
        ? `${show(value)} was longer than the configured maximum length (${config})`
        : `${show(value)} was shorter than the configured minimum length (${config})`;
    },
  };
}

function membership(mustBeIn: boolean): RuleDefinition {
  return {
    types: SCALAR,
    passesEmptyString: true,
    checkConfig: expectArray,
    test: (value, config) => {
      const list: readonly unknown[] = Array.isArray(config) ? config : [];
      if (list.includes(value) === mustBeIn) return undefined;
      const shown = list.map(describeValue).join(', ');
      return mustBeIn
        ? `${show(value)} was not in the configured whitelist (${shown})`
        : `${show(value)} was in the configured blacklist (${shown})`;
    },
  };
}

const regex: RuleDefinition = {
  types: STRINGY,
  passesEmptyString: true,
  checkConfig: (config) => (config instanceof RegExp ? undefined : `expected a RegExp, but got ${describeValue(config)}`),
  test: (value, config) => {
    if (typeof value !== 'string') return `${show(value)} was not a string.`;
    if (!(config instanceof RegExp)) return `The configured pattern (${describeValue(config)}) is not a RegExp.`;
    // A global or sticky RegExp keeps `lastIndex` between calls; reset it so every value is tested from the start.
    config.lastIndex = 0;
    return config.test(value) ? undefined : `${show(value)} did not match the configured regular expression (${String(config)})`;
  },
};

const isAsyncFunction = (fn: unknown): boolean => Object.prototype.toString.call(fn) === '[object AsyncFunction]';

const custom: RuleDefinition = {
  types: ALL,
  passesEmptyString: false,
  checkConfig: (config) => {
    if (typeof config !== 'function') return `expected a function, but got ${describeValue(config)}`;
    return isAsyncFunction(config) ? 'expected a synchronous function, but got an async function' : undefined;
  },
  test: (value, config) => {
    if (typeof config !== 'function') return 'The configured custom rule is not a function.';
    let result: unknown;
    try {
      result = (config as (v: unknown) => unknown)(value);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    // A promise is always truthy; refusing it beats silently passing every value.
    if (result instanceof Promise) return 'The custom rule returned a promise; custom rules must be synchronous.';
    return result ? undefined : `${show(value)} failed custom validation.`;
  },
};

/** Every supported rule, keyed by its current name. */
export const RULES: Readonly<Record<string, RuleDefinition>> = {
  isBoolean: flag(LOOSE, false, (v) => typeof v === 'boolean', (v) => `${show(v)} was not a boolean.`),
  isNotEmptyString: flag(STRINGY, false, (v) => v !== '', () => 'Value was an empty string.'),
  isInteger: flag(NUMERIC, false, (v) => typeof v === 'number' && Number.parseInt(String(v), 10) === v, (v) => `${show(v)} was not an integer.`),
  isNumber: flag(LOOSE, false, (v) => typeof v === 'number', (v) => `${show(v)} was not a number.`),
  isString: flag(LOOSE, false, (v) => typeof v === 'string', (v) => `${show(v)} was not a string.`),
  max: bound(true),
  min: bound(false),
  isAfter: moment(true),
  isBefore: moment(false),
  isCreditCard: stringFlag((t) => isCreditCard.default(t), 'a valid credit card number'),
  isEmail: stringFlag((t) => isEmail.default(t), 'a valid email address'),
  isHexColor: stringFlag((t) => isHexColor.default(t), 'a valid hex color'),
  isIn: membership(true),
  isNotIn: membership(false),
  isIP: stringFlag((t) => isIP.default(t), 'a valid IP address (v4 or v6)'),
  // Waterline apps commonly point at `http://localhost:1337`, which validator.js alone rejects (no TLD).
  isURL: stringFlag(
    (t) => isURL.default(t) || isURL.default(t, { require_tld: false, host_whitelist: ['localhost'] }),
    'a valid URL',
  ),
  isUUID: stringFlag((t) => isUUID.default(t, 'all'), 'a valid UUID'),
  minLength: length(false),
  maxLength: length(true),
  regex,
  custom,
};
