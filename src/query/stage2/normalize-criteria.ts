/**
 * Stage 2 criteria: any criteria a Waterline model method accepts, validated against the
 * model and normalised to exactly `where`, `limit`, `skip`, `sort`, `select`, `omit`.
 */
import type { ModelOntology, Ontology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import type { Criteria, MethodName, QueryMeta, WhereClause } from '../shapes.js';
import {
  checkClausesForMethod,
  NEEDS_EXPLICIT_CRITERIA,
  REFUSES_ACCIDENTAL_UNIVERSAL,
  SINGLE_RECORD,
} from './method-rules.js';
import { normalizeLimit, normalizeSkip } from './normalize-paging.js';
import { checkProjection, normalizeOmit, normalizeSelect } from './normalize-projection.js';
import { normalizeSort } from './normalize-sort.js';
import { normalizeWhere } from './normalize-where.js';
import { isDictionary } from './plain.js';
import { invalidCriteria, noMatch, warnDeprecated } from './problems.js';
import { removedAggregateError } from './removed-aggregates.js';

const CLAUSES = new Set(['where', 'limit', 'skip', 'sort', 'select', 'omit']);

/**
 * Validates and normalises `criteria` for `method` on `model`.
 * Throws `UsageError` `E_INVALID_CRITERIA` (naming the model and what is wrong), `E_NOOP`
 * when the criteria can match nothing, or a plain `Error` for the removed aggregate clauses.
 * The input is never modified. `ontology` is taken for parity with the other stage-2
 * functions; singular associations already carry their target's primary-key type.
 */
export function normalizeCriteria(
  criteria: unknown,
  model: ModelOntology,
  _ontology: Ontology,
  method: MethodName,
  meta?: QueryMeta,
): Criteria {
  checkClausesForMethod(criteria, model, method);
  const clauses = toClauses(criteria, model, method);
  // Clause order matters: it decides which problem is reported first (Waterline's order).
  const normalized: Criteria = {
    where: whereFor(clauses, model, method, meta),
    limit: normalizeLimit(clauses.limit, model),
    skip: normalizeSkip(clauses.skip, model),
    sort: normalizeSort(clauses.sort, model, meta),
    select: normalizeSelect(clauses.select, model),
    omit: normalizeOmit(clauses.omit, model),
  };
  checkProjection(normalized.select, normalized.omit, model);
  if (SINGLE_RECORD.has(method) && Object.keys(normalized.where).length === 0) {
    throw invalidCriteria(model, `\`${method}\` needs a more specific \`where\` clause; this one matches every record and is too broad (to take any one record, use \`find\` with \`limit: 1\`).`);
  }
  // Enough to tell "exactly one" from "more than one" without fetching a whole table.
  if (method === 'findOne') normalized.limit = 2;
  return normalized;
}

/** Top-level forms (queries.md §1) → a dictionary of clauses. */
function toClauses(criteria: unknown, model: ModelOntology, method: MethodName): Readonly<Record<string, unknown>> {
  if (criteria === undefined) {
    if (NEEDS_EXPLICIT_CRITERIA.has(method)) {
      throw invalidCriteria(model, `\`${method}\` cannot be called with an \`undefined\` criteria; to ${method} every record, pass \`{}\` explicitly.`);
    }
    return {};
  }
  if (criteria === false) throw noMatch(model, 'the criteria is `false`.');
  if (!criteria) {
    warnDeprecated(`a criteria of ${describeValue(criteria)} (model \`${model.identity}\`) matches every record; pass \`{}\` instead.`);
    return {};
  }
  if (typeof criteria === 'string' || typeof criteria === 'number' || Array.isArray(criteria)) {
    return { where: { [model.primaryKey]: criteria } };
  }
  if (!isDictionary(criteria)) {
    throw invalidCriteria(model, `the criteria must be a dictionary, a primary key value or an array of them, but got ${describeValue(criteria)}.`);
  }
  const removed = removedAggregateError(criteria);
  if (removed) throw removed;
  const keys = Object.keys(criteria);
  if (!keys.some((key) => CLAUSES.has(key))) return { where: criteria };
  for (const key of keys) {
    if (CLAUSES.has(key) || criteria[key] === undefined) continue;
    const hint = Object.hasOwn(criteria, 'where')
      ? ''
      : ` Attribute filters cannot sit beside \`limit\`, \`sort\` and the like; move them into \`where\`.`;
    throw invalidCriteria(model, `the criteria has an unrecognized property \`${key}\` (${describeValue(criteria[key])}).${hint}`);
  }
  return criteria;
}

function whereFor(
  clauses: Readonly<Record<string, unknown>>,
  model: ModelOntology,
  method: MethodName,
  meta: QueryMeta | undefined,
): WhereClause {
  const guarded = REFUSES_ACCIDENTAL_UNIVERSAL.has(method);
  if (guarded && Object.hasOwn(clauses, 'where') && clauses.where === undefined) {
    throw accidentalUniversal(model, method, ['`where`']);
  }
  const result = normalizeWhere(clauses.where, model, meta);
  if (result.kind === 'void') throw noMatch(model, 'its `where` clause can never match (e.g. an empty `in` list or `or` array).');
  if (result.kind === 'clause') return result.clause;
  if (guarded && result.undefinedKeys.length > 0) throw accidentalUniversal(model, method, result.undefinedKeys);
  return {};
}

function accidentalUniversal(model: ModelOntology, method: MethodName, undefinedKeys: readonly string[]): Error {
  const what = undefinedKeys.join(', ');
  return invalidCriteria(model, `the \`where\` clause would match every record only because ${what} ${undefinedKeys.length > 1 ? 'are' : 'is'} \`undefined\`. \`${method}\` refuses this to protect your data; to ${method} every record on purpose, pass \`{}\`.`);
}
