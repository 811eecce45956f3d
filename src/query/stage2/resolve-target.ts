/**
 * The left side of a constraint or sort directive: which attribute it names and what type
 * its comparison values are checked against.
 */
import type { AttributeType, ModelOntology } from '../../schema/ontology.js';
import type { QueryMeta } from '../shapes.js';
import { isValidAttributeName } from './attribute-name.js';
import { ownValue } from './plain.js';
import { invalidCriteria } from './problems.js';

export interface Target {
  /** As written, e.g. `age` or (deep target) `address.city`. */
  readonly name: string;
  /** scalar attribute, singular association, or not declared (schemaless / deep target). */
  readonly kind: 'scalar' | 'model' | 'unknown';
  /** The type comparison values are coerced to: the attribute's, the target pk's, or json. */
  readonly type: AttributeType;
  /** For singular associations: the associated model's identity. */
  readonly associatedModel?: string;
}

export type TargetClause = 'where' | 'sort';

const USED_IN: Record<TargetClause, string> = { where: 'filtered on', sort: 'sorted by' };

/** How a target is described in messages: "the `age` attribute is a number". */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'scalar':
      return `the \`${target.name}\` attribute is ${articleFor(target.type)}`;
    case 'model':
      return `the \`${target.name}\` attribute is a singular association to \`${target.associatedModel ?? '?'}\`, whose primary key is ${articleFor(target.type)}`;
    case 'unknown':
      return `\`${target.name}\` is not a declared attribute, so it is compared as JSON`;
  }
}

function articleFor(type: AttributeType): string {
  return type === 'json' ? 'JSON' : `a ${type}`;
}

export function resolveTarget(name: string, model: ModelOntology, meta: QueryMeta | undefined, clause: TargetClause): Target {
  if (name.includes('.')) return resolveDeepTarget(name, model, meta, clause);
  const attr = ownValue(model.attributes, name);
  if (attr?.kind === 'collection') {
    // A has-one is as virtual as a plural: its foreign key lives on the other model.
    const what = attr.hasOne
      ? `a has-one (its foreign key is \`${attr.collection}.${attr.via ?? ''}\`)`
      : `a plural association (collection of \`${attr.collection}\`)`;
    throw invalidCriteria(model, `\`${name}\` is ${what}, which cannot be ${USED_IN[clause]} in a \`${clause}\` clause.`);
  }
  if (attr?.kind === 'model') return { name, kind: 'model', type: attr.type, associatedModel: attr.model };
  if (attr) return { name, kind: 'scalar', type: attr.type };
  checkUndeclaredName(name, model, clause);
  return { name, kind: 'unknown', type: 'json' };
}

function checkUndeclaredName(name: string, model: ModelOntology, clause: TargetClause): void {
  if (model.hasSchema) {
    throw invalidCriteria(model, `the \`${clause}\` clause refers to \`${name}\`, which is not an attribute of this model (and the model declares \`schema: true\`).`);
  }
  if (!isValidAttributeName(name)) {
    throw invalidCriteria(model, `the \`${clause}\` clause refers to \`${name}\`, which is not a valid attribute name (even though the model declares \`schema: false\`).`);
  }
}

// Dot notation reaches inside a stored JSON value; Waterline only allows it behind a meta flag.
function resolveDeepTarget(name: string, model: ModelOntology, meta: QueryMeta | undefined, clause: TargetClause): Target {
  if (meta?.enableExperimentalDeepTargets !== true) {
    throw invalidCriteria(model, `\`${name}\` uses dot notation in the \`${clause}\` clause, which needs \`meta.enableExperimentalDeepTargets: true\`.`);
  }
  const segments = name.split('.');
  const root = segments[0] ?? '';
  if (segments.some((segment) => segment === '')) {
    throw invalidCriteria(model, `\`${name}\` is not a valid deep target: every segment of the dotted path must be non-empty.`);
  }
  const attr = ownValue(model.attributes, root);
  if (attr === undefined) checkUndeclaredName(root, model, clause);
  else if (attr.kind !== 'scalar' || (attr.type !== 'json' && attr.type !== 'ref')) {
    throw invalidCriteria(model, `\`${name}\` uses dot notation, but \`${root}\` is not a \`json\` or \`ref\` attribute, so it has no nested values.`);
  }
  return { name, kind: 'unknown', type: 'json' };
}
