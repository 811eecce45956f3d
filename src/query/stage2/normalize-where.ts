/**
 * The `where` clause: every branch ends with exactly one key, multi-key branches are
 * fractured into `and`, and universal / void branches propagate up the tree (see where-result).
 */
import type { ModelOntology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import type { QueryMeta } from '../shapes.js';
import { normalizeConstraint } from './normalize-constraint.js';
import { isDictionary } from './plain.js';
import { invalidCriteria, warnDeprecated } from './problems.js';
import { combineAnd, combineOr, noteUndefined, UNIVERSAL, type WhereResult } from './where-result.js';

/** Nesting deeper than this is taken for a circular reference. */
export const MAX_WHERE_DEPTH = 25;

interface WhereContext {
  readonly model: ModelOntology;
  readonly meta: QueryMeta | undefined;
}

/** Normalises a raw `where` clause; the caller decides what universal and void mean. */
export function normalizeWhere(raw: unknown, model: ModelOntology, meta: QueryMeta | undefined): WhereResult {
  const context: WhereContext = { model, meta };
  if (raw === undefined) return UNIVERSAL;
  if (raw === null) {
    warnDeprecated(`a \`where\` clause of \`null\` (model \`${model.identity}\`) matches every record; pass \`{}\` or leave \`where\` out instead.`);
    return UNIVERSAL;
  }
  // A pk value, or an array of them.
  if (typeof raw === 'string' || typeof raw === 'number' || Array.isArray(raw)) {
    return normalizeBranchEntries([[model.primaryKey, raw]], context, 0);
  }
  if (!isDictionary(raw)) {
    throw invalidCriteria(model, `the \`where\` clause must be a dictionary, but got ${describeValue(raw)}.`);
  }
  return normalizeBranch(raw, context, 0);
}

function normalizeBranch(branch: Readonly<Record<string, unknown>>, context: WhereContext, depth: number): WhereResult {
  const entries = Object.entries(branch);
  const defined = entries.filter(([, value]) => value !== undefined);
  const undefinedKeys = entries.filter(([, value]) => value === undefined).map(([key]) => `\`${key}\``);
  return noteUndefined(normalizeBranchEntries(defined, context, depth), undefinedKeys);
}

function normalizeBranchEntries(entries: readonly (readonly [string, unknown])[], context: WhereContext, depth: number): WhereResult {
  const [only] = entries;
  if (only === undefined) return UNIVERSAL;
  if (entries.length > 1) {
    return combineAnd(entries.map((entry) => normalizeBranchEntries([entry], context, depth)));
  }
  const [key, value] = only;
  if (key === 'and' || key === 'or') return normalizePredicate(key, value, context, depth + 1);
  return normalizeConstraint(key, value, context.model, context.meta);
}

function normalizePredicate(operator: 'and' | 'or', items: unknown, context: WhereContext, depth: number): WhereResult {
  const { model } = context;
  if (depth > MAX_WHERE_DEPTH) {
    throw invalidCriteria(model, `the \`where\` clause nests \`and\`/\`or\` more than ${MAX_WHERE_DEPTH} levels deep; it probably contains a circular reference.`);
  }
  if (!Array.isArray(items)) {
    throw invalidCriteria(model, `\`${operator}\` must be given an array of conditions, but got ${describeValue(items)}.`);
  }
  const results: WhereResult[] = [];
  let undefinedItems = 0;
  for (const item of items as unknown[]) {
    if (item === undefined) {
      undefinedItems += 1;
      continue;
    }
    if (!isDictionary(item)) {
      throw invalidCriteria(model, `each item of an \`${operator}\` array must be a dictionary, but one is ${describeValue(item)}.`);
    }
    results.push(normalizeBranch(item, context, depth));
  }
  if (operator === 'or') return combineOr(results);
  return combineAnd(results, undefinedItems > 0 ? ['an item of `and`'] : []);
}
