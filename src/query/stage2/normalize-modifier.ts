/**
 * One modifier of a complex constraint (`{age: {'>': 5}}`), normalised to what adapters
 * understand: `<` `<=` `>` `>=` `!=` `in` `nin` `like`. Deprecated aliases are renamed with a
 * warning; `contains` / `startsWith` / `endsWith` become `like`.
 */
import type { ModelOntology } from '../../schema/ontology.js';
import { coerceLoose, describeValue } from '../../records/coerce.js';
import type { Modifier } from '../shapes.js';
import { normalizeComparisonValue } from './comparison-value.js';
import { likePatternFor, type TextSearch } from './like-pattern.js';
import { invalidCriteria, warnDeprecated } from './problems.js';
import type { Target } from './resolve-target.js';
import { constraintClause, UNIVERSAL, VOID, type WhereResult } from './where-result.js';

const ALIASES: Readonly<Record<string, Modifier>> = {
  lessThan: '<',
  lessThanOrEqual: '<=',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
  not: '!=',
  '!': '!=',
  '!==': '!=',
};

export function normalizeModifier(target: Target, written: string, value: unknown, model: ModelOntology): WhereResult {
  let modifier = written;
  const alias = Object.hasOwn(ALIASES, written) ? ALIASES[written] : undefined;
  if (alias !== undefined) {
    warnDeprecated(`the \`${written}\` modifier (used on \`${target.name}\` of model \`${model.identity}\`) is deprecated; use \`${alias}\` instead.`);
    modifier = alias;
  }
  if (value === undefined) {
    throw invalidCriteria(model, `the \`${modifier}\` modifier for \`${target.name}\` has the value \`undefined\`; give it a value or leave the modifier out.`);
  }
  // `{'!=': [..]}` has always meant "not in".
  if (modifier === '!=' && Array.isArray(value)) modifier = 'nin';

  switch (modifier) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(target, modifier, value, model);
    case '!=':
      return constraintClause(target.name, { '!=': normalizeComparisonValue(value, target, model, 'with `!=`') });
    case 'in':
    case 'nin':
      return list(target, modifier, value, model);
    case 'like':
      return like(target, value, model);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return textSearch(target, modifier, value, model);
    default:
      throw invalidCriteria(model, `unrecognized modifier \`${written}\` in the constraint for \`${target.name}\`. Use one of \`<\`, \`<=\`, \`>\`, \`>=\`, \`!=\`, \`in\`, \`nin\`, \`like\`, \`contains\`, \`startsWith\`, \`endsWith\`.`);
  }
}

function compare(target: Target, modifier: '<' | '<=' | '>' | '>=', value: unknown, model: ModelOntology): WhereResult {
  if (target.kind === 'scalar' && target.type === 'boolean') {
    throw invalidCriteria(model, `the \`${modifier}\` modifier cannot be used on \`${target.name}\`, which is a boolean attribute (use equality or \`or\` instead).`);
  }
  if (value === null) {
    throw invalidCriteria(model, `\`null\` cannot be used with the \`${modifier}\` modifier on \`${target.name}\`. To include empty values, use \`or: [{${target.name}: {'${modifier}': …}}, {${target.name}: null}]\`; to exclude them, \`{'!=': null}\`.`);
  }
  return constraintClause(target.name, { [modifier]: normalizeComparisonValue(value, target, model, `with \`${modifier}\``) });
}

function list(target: Target, modifier: 'in' | 'nin', value: unknown, model: ModelOntology): WhereResult {
  if (!Array.isArray(value)) {
    throw invalidCriteria(model, `the \`${modifier}\` modifier for \`${target.name}\` must be an array, but got ${describeValue(value)}.`);
  }
  const items: unknown[] = value.filter((item: unknown) => item !== undefined);
  // An empty `in` can match nothing; an empty `nin` excludes nothing.
  if (items.length === 0) return modifier === 'in' ? VOID : UNIVERSAL;
  const normalized = items.map((item) => {
    if (item === null) {
      const instead = modifier === 'in' ? `or: [{${target.name}: null}, …]` : `{${target.name}: {'!=': null}}`;
      throw invalidCriteria(model, `\`null\` cannot be an item of the \`${modifier}\` list for \`${target.name}\`; use \`${instead}\` instead.`);
    }
    return normalizeComparisonValue(item, target, model, `in the \`${modifier}\` list`);
  });
  return constraintClause(target.name, { [modifier]: normalized });
}

// Pattern matching only makes sense on text; an fk to a numeric primary key is a number too.
function checkTextual(target: Target, modifier: string, model: ModelOntology): void {
  if (target.type === 'number' || target.type === 'boolean') {
    const what = target.kind === 'model' ? `a singular association to \`${target.associatedModel ?? '?'}\`, whose primary key is a number` : `a ${target.type} attribute`;
    throw invalidCriteria(model, `the \`${modifier}\` modifier cannot be used on \`${target.name}\`, which is ${what}.`);
  }
}

function like(target: Target, value: unknown, model: ModelOntology): WhereResult {
  checkTextual(target, 'like', model);
  // No coercion: `%` and `_` carry meaning, so the caller must mean the exact string.
  if (typeof value !== 'string' || value === '') {
    throw invalidCriteria(model, `the \`like\` modifier for \`${target.name}\` must be a non-empty string using \`%\` as the wildcard, but got ${describeValue(value)}.`);
  }
  return value === '%%' ? UNIVERSAL : constraintClause(target.name, { like: value });
}

function textSearch(target: Target, modifier: TextSearch, value: unknown, model: ModelOntology): WhereResult {
  checkTextual(target, modifier, model);
  const text = value === null ? undefined : coerceLoose('string', value);
  if (text === undefined || !text.ok || typeof text.value !== 'string') {
    throw invalidCriteria(model, `the \`${modifier}\` modifier for \`${target.name}\` must be a string, but got ${describeValue(value)}.`);
  }
  return text.value === '' ? UNIVERSAL : constraintClause(target.name, { like: likePatternFor(modifier, text.value) });
}
