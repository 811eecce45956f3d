/**
 * Validation rules (Waterline's `validations`, anchor semantics): the names Mooring knows, the
 * initialize-time configuration check, and evaluation of an attribute's rules against a value.
 */
import type { RuleViolation } from '../errors/attribute-error.js';
import type { AttributeType } from '../schema/ontology.js';
import { describeValue } from './coerce.js';
import { RULES } from './rule-definitions.js';

/** Every supported rule name, in the order the spec lists them. */
export const RULE_NAMES: readonly string[] = Object.freeze(Object.keys(RULES));

/** Old rule names Sails still accepts, mapped to their current names. */
export const DEPRECATED_RULE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  after: 'isAfter',
  before: 'isBefore',
  creditcard: 'isCreditCard',
  email: 'isEmail',
  in: 'isIn',
  enum: 'isIn',
  ip: 'isIP',
  notIn: 'isNotIn',
  url: 'isURL',
  uuid: 'isUUID',
  integer: 'isInteger',
});

/** Rule names that older Waterline versions had and that are refused now. */
export const UNSUPPORTED_RULES: readonly string[] = Object.freeze([
  'alpha',
  'alphadashed',
  'alphanumeric',
  'alphanumericdashed',
  'contains',
  'datetime',
  'finite',
  'float',
  'hexadecimal',
  'ipv4',
  'ipv6',
  'lowercase',
  'notRegex',
  'notContains',
  'notNull',
  'numeric',
  'truthy',
  'uppercase',
  'urlish',
  'uuidv3',
  'uuidv4',
]);

/** anchor reads a `false` config as "stop here"; the strings are the same words from config files. */
const isStop = (config: unknown): boolean => config === false || config === 'false';
const normalizeConfig = (config: unknown): unknown => (config === 'true' ? true : config);

/**
 * Checks one declared rule at initialize. Returns what is wrong (naming the rule and what is
 * expected), or undefined when the rule can be used on an attribute of `type`.
 * Deprecated names must be renamed (see DEPRECATED_RULE_ALIASES) before calling this.
 */
export function checkRuleConfig(rule: string, config: unknown, type: AttributeType): string | undefined {
  const definition = Object.hasOwn(RULES, rule) ? RULES[rule] : undefined;
  if (!definition) {
    if (UNSUPPORTED_RULES.includes(rule)) return `Validation rule \`${rule}\` is no longer supported.`;
    const alias = Object.hasOwn(DEPRECATED_RULE_ALIASES, rule) ? DEPRECATED_RULE_ALIASES[rule] : undefined;
    if (alias) return `Validation rule \`${rule}\` is deprecated; use \`${alias}\` instead.`;
    return `Unknown validation rule \`${rule}\`. Known rules: ${RULE_NAMES.join(', ')}.`;
  }
  if (!definition.types.includes(type)) {
    return `Validation rule \`${rule}\` cannot be used on an attribute of type \`${type}\` (it applies to: ${definition.types.join(', ')}).`;
  }
  // `false` is meaningful in any rule (it ends evaluation of the rules declared after it).
  if (isStop(config)) return undefined;
  const problem = definition.checkConfig(normalizeConfig(config));
  return problem === undefined ? undefined : `Invalid configuration for validation rule \`${rule}\`: ${problem}.`;
}

/**
 * Runs `validations` against an already type-checked value, in declaration order, and returns
 * every violation (empty when the value passes). Rules never apply to `null` or `undefined`.
 * A rule configured `false` ends evaluation: it and every rule after it are skipped.
 */
export function runRules(validations: Readonly<Record<string, unknown>>, value: unknown): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (value === null || value === undefined) return violations;
  for (const [rule, rawConfig] of Object.entries(validations)) {
    if (isStop(rawConfig)) break;
    const definition = Object.hasOwn(RULES, rule) ? RULES[rule] : undefined;
    if (!definition) {
      // Initialize rejects unknown rules; reaching this means a hand-built ontology, so fail loudly but safely.
      violations.push({ rule, message: `Unknown validation rule \`${rule}\` (value: ${describeValue(value)}).` });
      continue;
    }
    if (value === '' && definition.passesEmptyString) continue;
    const message = definition.test(value, normalizeConfig(rawConfig));
    if (message !== undefined) violations.push({ rule, message });
  }
  return violations;
}
