/** Which criteria clauses and shapes each model method accepts. */
import type { ModelOntology } from '../../schema/ontology.js';
import type { MethodName } from '../shapes.js';
import { isDictionary } from './plain.js';
import { invalidCriteria } from './problems.js';

const PROJECTING: ReadonlySet<MethodName> = new Set(['find', 'findOne', 'stream']);
const PAGINATING: ReadonlySet<MethodName> = new Set(['find', 'stream']);

/** These refuse an `undefined` criteria: pass `{}` to affect every record on purpose. */
export const NEEDS_EXPLICIT_CRITERIA: ReadonlySet<MethodName> = new Set(['update', 'destroy', 'archive']);

/** These act on one record, so a `where` that matches everything is too broad. */
export const SINGLE_RECORD: ReadonlySet<MethodName> = new Set(['findOne', 'findOrCreate', 'updateOne', 'destroyOne', 'archiveOne']);

/**
 * Mooring decision #4: these write, so a `where` emptied only by `undefined` values (e.g.
 * `{id: undefined}`, which would otherwise hit every row) is refused.
 */
export const REFUSES_ACCIDENTAL_UNIVERSAL: ReadonlySet<MethodName> = new Set([
  'update', 'updateOne', 'destroy', 'destroyOne', 'archive', 'archiveOne',
]);

/** Checked on the raw criteria, before defaults are filled in. */
export function checkClausesForMethod(raw: unknown, model: ModelOntology, method: MethodName): void {
  if (!isDictionary(raw)) return;
  if ((raw.select !== undefined || raw.omit !== undefined) && !PROJECTING.has(method)) {
    throw invalidCriteria(model, `cannot use \`select\`/\`omit\` with this method (\`${method}\`); only \`find\`, \`findOne\` and \`stream\` accept them.`);
  }
  if ((raw.limit !== undefined || raw.skip !== undefined || raw.sort !== undefined) && !PAGINATING.has(method)) {
    throw invalidCriteria(model, `cannot use \`limit\`, \`skip\` or \`sort\` with this method (\`${method}\`); only \`find\` and \`stream\` accept them.`);
  }
}
