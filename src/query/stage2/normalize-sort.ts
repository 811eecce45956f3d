/**
 * The `sort` clause, normalised to an array of one-key `{attr: 'ASC' | 'DESC'}` directives.
 * Accepts `'name'`, `'name desc'`, arrays mixing such strings and one-key dictionaries, and
 * (deprecated) Mongo-style `{name: 1, age: -1}`. No default order is imposed.
 */
import type { ModelOntology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import type { QueryMeta, SortDirection, SortDirective } from '../shapes.js';
import { isDictionary } from './plain.js';
import { invalidCriteria, warnDeprecated } from './problems.js';
import { resolveTarget } from './resolve-target.js';

type RawDirective = readonly [target: string, direction: unknown];

export function normalizeSort(raw: unknown, model: ModelOntology, meta: QueryMeta | undefined): SortDirective[] {
  if (raw === undefined) return [];
  const directives = rawDirectives(raw, model).map((directive) => normalizeDirective(directive, model, meta));
  const seen = new Set<string>();
  for (const directive of directives) {
    const [target] = Object.keys(directive);
    if (target !== undefined && seen.has(target)) {
      throw invalidCriteria(model, `the \`sort\` clause sorts by \`${target}\` more than once.`);
    }
    if (target !== undefined) seen.add(target);
  }
  return directives;
}

function rawDirectives(raw: unknown, model: ModelOntology): RawDirective[] {
  if (typeof raw === 'string') return [fromString(raw, model)];
  if (Array.isArray(raw)) return (raw as unknown[]).map((item) => fromItem(item, model));
  if (isDictionary(raw)) return fromMongoStyle(raw, model);
  throw invalidCriteria(model, `the \`sort\` clause must be a string like \`'name DESC'\` or an array like \`[{name: 'DESC'}]\`, but got ${describeValue(raw)}.`);
}

function fromItem(item: unknown, model: ModelOntology): RawDirective {
  if (typeof item === 'string') return fromString(item, model);
  if (isDictionary(item)) {
    const entries = Object.entries(item);
    const [only] = entries;
    if (only !== undefined && entries.length === 1) return only;
    throw invalidCriteria(model, `each directive of the \`sort\` clause must have exactly one key, like \`{name: 'ASC'}\`, but got ${describeValue(item)}.`);
  }
  throw invalidCriteria(model, `each item of the \`sort\` array must be a string like \`'name DESC'\` or a dictionary like \`{name: 'DESC'}\`, but got ${describeValue(item)}.`);
}

function fromString(text: string, model: ModelOntology): RawDirective {
  const pieces = text.split(/\s+/);
  const [target = '', direction = 'ASC'] = pieces;
  if (pieces.length > 2) {
    throw invalidCriteria(model, `the \`sort\` string ${describeValue(text)} must be an attribute name optionally followed by ASC or DESC (for several, use an array: \`['a ASC', 'b DESC']\`).`);
  }
  return [target, direction];
}

function fromMongoStyle(raw: Readonly<Record<string, unknown>>, model: ModelOntology): RawDirective[] {
  const entries = Object.entries(raw);
  const [only] = entries;
  if (only !== undefined && entries.length === 1 && typeof only[1] === 'string') {
    throw invalidCriteria(model, `the \`sort\` clause ${describeValue(raw)} looks like a sort directive; wrap it in an array: \`[${describeValue(raw)}]\`.`);
  }
  const directives = entries.map(([target, direction]): RawDirective => {
    if (direction === 1) return [target, 'ASC'];
    if (direction === -1) return [target, 'DESC'];
    throw invalidCriteria(model, `a dictionary \`sort\` clause uses Mongo-style directions (1 or -1), but \`${target}\` has ${describeValue(direction)}.`);
  });
  if (directives.length > 0) {
    warnDeprecated(`a Mongo-style \`sort\` dictionary (model \`${model.identity}\`); use an array like \`[{name: 'ASC'}]\` instead.`);
  }
  return directives;
}

function normalizeDirective([target, direction]: RawDirective, model: ModelOntology, meta: QueryMeta | undefined): SortDirective {
  resolveTarget(target, model, meta, 'sort');
  const upper = typeof direction === 'string' ? direction.toUpperCase() : direction;
  if (upper !== 'ASC' && upper !== 'DESC') {
    throw invalidCriteria(model, `the \`sort\` direction for \`${target}\` must be ASC or DESC, but got ${describeValue(direction)}.`);
  }
  const normalized: SortDirection = upper;
  return { [target]: normalized };
}
