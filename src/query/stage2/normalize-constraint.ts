/**
 * One constraint — `{target: rhs}` — of a `where` clause: equality, `in` shorthand (array), or a
 * modifier dictionary. A dictionary with several modifiers is fractured into an `and` of
 * one-modifier constraints, so every complex constraint ends with exactly one modifier.
 */
import type { ModelOntology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import type { QueryMeta } from '../shapes.js';
import { normalizeComparisonValue } from './comparison-value.js';
import { normalizeModifier } from './normalize-modifier.js';
import { isDictionary } from './plain.js';
import { invalidCriteria } from './problems.js';
import { resolveTarget } from './resolve-target.js';
import { combineAnd, constraintClause, type WhereResult } from './where-result.js';

export function normalizeConstraint(name: string, rhs: unknown, model: ModelOntology, meta: QueryMeta | undefined): WhereResult {
  const target = resolveTarget(name, model, meta, 'where');
  if (Array.isArray(rhs)) return normalizeModifier(target, 'in', rhs, model);
  if (isDictionary(rhs)) {
    const modifiers = Object.entries(rhs);
    const [first] = modifiers;
    if (first === undefined) {
      throw invalidCriteria(model, `the constraint for \`${name}\` is an empty dictionary; a complex constraint needs at least one modifier, such as \`{'>': 5}\`.`);
    }
    if (modifiers.length === 1) return normalizeModifier(target, first[0], first[1], model);
    return combineAnd(modifiers.map(([modifier, value]) => normalizeModifier(target, modifier, value, model)));
  }
  if (typeof rhs === 'object' && rhs !== null) {
    // Waterline saw a Date here as a modifier dictionary with no modifiers; say what to do instead.
    const hint = rhs instanceof Date ? ` Wrap it in a modifier, e.g. \`{${name}: {'>=': date}}\`, or compare against its \`getTime()\` / \`toJSON()\`.` : '';
    throw invalidCriteria(model, `the constraint for \`${name}\` is ${describeValue(rhs)}, which is neither a primitive value nor a modifier dictionary.${hint}`);
  }
  return constraintClause(name, normalizeComparisonValue(rhs, target, model));
}
