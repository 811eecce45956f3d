/** Checks an attribute's `validations`: every rule known, every config acceptable for the type. */
import { checkRuleConfig } from '../records/rules.js';
import type { AttributeType } from './ontology.js';
import { isDictionary } from './plain-data.js';

/** Returns the validations to keep and the problems found (messages only). */
export function validateRules(
  value: unknown,
  type: AttributeType,
): { readonly validations: Readonly<Record<string, unknown>>; readonly problems: readonly string[] } {
  if (value === undefined) return { validations: {}, problems: [] };
  if (!isDictionary(value)) return { validations: {}, problems: ['`validations` must be a dictionary of rule name → configuration.'] };
  const problems: string[] = [];
  for (const [rule, config] of Object.entries(value)) {
    const problem = checkRuleConfig(rule, config, type);
    if (problem !== undefined) problems.push(problem);
  }
  return { validations: value, problems };
}
