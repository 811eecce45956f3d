/**
 * Stage 2 populates (associations.md §4): `true` for a singular association or a has-one,
 * normalised subcriteria for a plural one (`false` when it can never match), checked against
 * the parent criteria, whose `select` loses populated attributes. Dotted paths
 * (`.populate('pet.toys', sub)`) are Mooring's nested populates: each segment is checked
 * against the model of its level, the subcriteria applies to the last segment, and a
 * path implies its prefixes (`pet.toys` populates `pet` too, with `true`/`{}`).
 */
import type { ModelOntology, Ontology, PluralAssociation } from '../../schema/ontology.js';
import { isUsageError } from '../../errors/usage-error.js';
import { describeValue } from '../../records/coerce.js';
import { MAX_LIMIT, type Criteria, type MethodName, type NormalizedPopulate, type PopulateLevel, type QueryMeta } from '../shapes.js';
import { normalizeCriteria } from './normalize-criteria.js';
import { isDefaultSelect } from './normalize-projection.js';
import { isDictionary, ownValue } from './plain.js';
import { invalidPopulate } from './problems.js';

const POPULATING: ReadonlySet<MethodName> = new Set(['find', 'findOne', 'stream']);

export interface NormalizedPopulates extends PopulateLevel {
  /** The parent criteria, with populated attributes removed from an explicit `select`. */
  readonly criteria: Criteria;
}

/** One association of a populate path tree; `subcriteria` is `true` for implied prefixes. */
interface PathNode {
  subcriteria: unknown;
  readonly children: Map<string, PathNode>;
}

interface Scope {
  /** The queried model: errors are reported against it. */
  readonly root: ModelOntology;
  /** The model of this level. */
  readonly model: ModelOntology;
  readonly ontology: Ontology;
  readonly meta: QueryMeta | undefined;
  /** `''` at the top, else the path of this level plus a dot (`pet.`). */
  readonly prefix: string;
}

/**
 * Validates and normalises `populates` (attribute name or dotted path → `true`, `false`,
 * `undefined` or a subcriteria) for a query on `model`. Throws `UsageError`
 * `E_INVALID_POPULATES`. Neither argument is modified.
 */
export function normalizePopulates(
  populates: Readonly<Record<string, unknown>>,
  parentCriteria: Criteria,
  model: ModelOntology,
  ontology: Ontology,
  method: MethodName,
  meta?: QueryMeta,
): NormalizedPopulates {
  const tree = pathTree(populates, model);
  const [first] = tree.keys();
  if (first !== undefined && !POPULATING.has(method)) {
    throw invalidPopulate(model, `cannot populate \`${first}\` with this method (\`${method}\`); only \`find\`, \`findOne\` and \`stream\` populate.`);
  }
  return normalizeLevel(tree, parentCriteria, { root: model, model, ontology, meta, prefix: '' });
}

function pathTree(populates: Readonly<Record<string, unknown>>, root: ModelOntology): Map<string, PathNode> {
  const tree = new Map<string, PathNode>();
  for (const [path, subcriteria] of Object.entries(populates)) {
    // `false` / `undefined` mean "don't populate", as if the key were absent.
    if (subcriteria === false || subcriteria === undefined) continue;
    const segments = path.split('.');
    if (segments.some((segment) => segment === '')) {
      throw invalidPopulate(root, `cannot populate \`${path}\`: a nested populate is association names joined by dots, like \`pet.toys\`.`);
    }
    let level = tree;
    let node: PathNode | undefined;
    for (const segment of segments) {
      node = level.get(segment);
      if (!node) {
        node = { subcriteria: true, children: new Map() };
        level.set(segment, node);
      }
      level = node.children;
    }
    if (node) node.subcriteria = subcriteria;
  }
  return tree;
}

function normalizeLevel(nodes: ReadonlyMap<string, PathNode>, criteria: Criteria, scope: Scope): NormalizedPopulates {
  const populates: Record<string, NormalizedPopulate> = {};
  const nested: Record<string, PopulateLevel> = {};
  let select = criteria.select;
  for (const [name, node] of nodes) {
    checkAgainstParent(name, criteria, scope);
    if (!isDefaultSelect(select) && select.includes(name)) select = select.filter((item) => item !== name);
    const populate = normalizeOne(name, node.subcriteria, scope);
    populates[name] = populate;
    if (node.children.size === 0) continue;
    // Deeper paths are checked even under a never-matching populate, so typos still surface.
    const target = targetOf(name, scope);
    const below = normalizeLevel(node.children, typeof populate === 'boolean' ? everything() : populate, {
      ...scope,
      model: target,
      prefix: `${scope.prefix}${name}.`,
    });
    if (typeof populate !== 'boolean') populates[name] = below.criteria;
    if (populate !== false) nested[name] = { populates: below.populates, nested: below.nested };
  }
  return { populates, nested, criteria: { ...criteria, select } };
}

function checkAgainstParent(name: string, parent: Criteria, scope: Scope): void {
  const path = `${scope.prefix}${name}`;
  const whose = scope.prefix === '' ? 'the criteria' : `the subcriteria of \`${scope.prefix.slice(0, -1)}\``;
  if (parent.omit.includes(name)) {
    throw invalidPopulate(scope.root, `cannot populate \`${path}\` because ${whose} also omits it.`);
  }
  if (parent.sort.some((directive) => Object.hasOwn(directive, name))) {
    throw invalidPopulate(scope.root, `cannot populate \`${path}\` because ${whose} also sorts by it.`);
  }
}

function normalizeOne(name: string, subcriteria: unknown, scope: Scope): NormalizedPopulate {
  const { root, model } = scope;
  const path = `${scope.prefix}${name}`;
  const where = scope.prefix === '' ? '' : ` of \`${model.identity}\``;
  const attr = ownValue(model.attributes, name);
  if (attr === undefined) throw invalidPopulate(root, `cannot populate \`${path}\`: there is no attribute \`${name}\`${where}.`);
  if (attr.kind === 'scalar') {
    throw invalidPopulate(root, `cannot populate \`${path}\`: \`${name}\`${where} is a ${attr.type} attribute, not an association (\`model\` or \`collection\`).`);
  }
  if (attr.kind === 'model' || attr.hasOne) {
    // There is at most one associated record, so a subcriteria would have nothing to act on.
    if (subcriteria === true || (isDictionary(subcriteria) && Object.keys(subcriteria).length === 0)) return true;
    const kind = attr.kind === 'model' ? `a singular association (to \`${attr.model}\`)` : `a has-one (to \`${attr.collection}\`)`;
    throw invalidPopulate(root, `cannot populate \`${path}\` with ${describeValue(subcriteria)}: it is ${kind}, which accepts no subcriteria; pass \`true\` or \`{}\`.`);
  }
  return normalizePlural(path, attr, subcriteria === true ? {} : subcriteria, scope);
}

function normalizePlural(path: string, attr: PluralAssociation, subcriteria: unknown, scope: Scope): NormalizedPopulate {
  const target = targetOf(attr.name, scope);
  try {
    return normalizeCriteria(subcriteria, target, scope.ontology, 'find', scope.meta);
  } catch (error) {
    // A subcriteria that can match nothing just yields `[]` for every parent record.
    if (isUsageError(error, 'E_NOOP')) return false;
    if (isUsageError(error, 'E_INVALID_CRITERIA')) {
      throw invalidPopulate(scope.root, `cannot use the subcriteria given for \`${path}\` (a collection of \`${attr.collection}\`): ${error.details}`);
    }
    throw error;
  }
}

/** The model an association of this level (already checked to be one) points at. */
function targetOf(name: string, { model, ontology }: Scope): ModelOntology {
  const attr = ownValue(model.attributes, name);
  const identity = attr?.kind === 'model' ? attr.model : attr?.kind === 'collection' ? attr.collection : undefined;
  const target = identity === undefined ? undefined : ownValue(ontology, identity);
  if (target === undefined) {
    throw new Error(`Consistency violation: \`${model.identity}.${name}\` does not point at a model of the ontology.`);
  }
  return target;
}

/** The criteria a singular child level is read with: every record, every attribute. */
function everything(): Criteria {
  return { where: {}, limit: MAX_LIMIT, skip: 0, sort: [], select: ['*'], omit: [] };
}
