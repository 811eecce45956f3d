/**
 * The `select` and `omit` clauses. `select: ['*']` (the default) means every attribute; an
 * explicit select always includes the primary key, which can never be omitted.
 */
import type { ModelOntology } from '../../schema/ontology.js';
import { describeValue } from '../../records/coerce.js';
import { ownValue } from './plain.js';
import { invalidCriteria } from './problems.js';

const ALL = '*';

export function isDefaultSelect(select: readonly string[]): boolean {
  return select.length === 1 && select[0] === ALL;
}

export function normalizeSelect(raw: unknown, model: ModelOntology): string[] {
  if (raw === undefined) return [ALL];
  const items: unknown = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(items)) {
    throw invalidCriteria(model, `the \`select\` clause must be an array of attribute names, but got ${describeValue(raw)}.`);
  }
  const names = stringItems(items as unknown[], 'select', model);
  if (isDefaultSelect(names)) return [ALL];
  // Adapters for schemaless stores cannot project unknown fields reliably.
  if (!model.hasSchema) {
    throw invalidCriteria(model, 'the `select` clause cannot be used, because this model declares `schema: false`.');
  }
  for (const name of names) {
    if (name === ALL) throw invalidCriteria(model, "the `select` clause cannot mix `'*'` with attribute names.");
    const attr = ownValue(model.attributes, name);
    if (attr === undefined) throw invalidCriteria(model, `the \`select\` clause lists \`${name}\`, which is not an attribute of this model.`);
    if (attr.kind === 'collection') {
      const what = attr.hasOne ? 'a has-one' : 'a plural association';
      throw invalidCriteria(model, `the \`select\` clause lists \`${name}\`, ${what}; it has no column on this model, so use populate instead.`);
    }
  }
  return unique([...names, model.primaryKey]);
}

export function normalizeOmit(raw: unknown, model: ModelOntology): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw invalidCriteria(model, `the \`omit\` clause must be an array of attribute names, but got ${describeValue(raw)}.`);
  }
  const names = stringItems(raw as unknown[], 'omit', model);
  const kept: string[] = [];
  for (const name of names) {
    if (name === model.primaryKey) throw invalidCriteria(model, `the \`omit\` clause cannot omit the primary key (\`${name}\`).`);
    if (!model.hasSchema) throw invalidCriteria(model, 'the `omit` clause cannot be used, because this model declares `schema: false`.');
    const attr = ownValue(model.attributes, name);
    if (attr === undefined) throw invalidCriteria(model, `the \`omit\` clause lists \`${name}\`, which is not an attribute of this model.`);
    // Plural associations are never in a record unless populated; omitting them is a no-op.
    if (attr.kind !== 'collection') kept.push(name);
  }
  return unique(kept);
}

/** Only one of the two may differ from its default. */
export function checkProjection(select: readonly string[], omit: readonly string[], model: ModelOntology): void {
  if (!isDefaultSelect(select) && omit.length > 0) {
    throw invalidCriteria(model, 'cannot use both `select` and `omit`; use one or the other.');
  }
}

function stringItems(items: readonly unknown[], clause: 'select' | 'omit', model: ModelOntology): string[] {
  return items.map((item) => {
    if (typeof item !== 'string') {
      throw invalidCriteria(model, `every item of the \`${clause}\` clause must be an attribute name, but one is ${describeValue(item)}.`);
    }
    return item;
  });
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
