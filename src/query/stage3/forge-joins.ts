/**
 * Normalised populates → Waterline `join` instructions (adapter API v1,
 * datastores-and-adapters.md §5). A singular association becomes one join on the parent's fk;
 * a one-to-many (or has-one) one join on the child's fk; a junction- or through-backed plural
 * two joins sharing the alias: parent → junction, then junction → child.
 */
import type { JunctionLink, ModelOntology, Ontology, PluralAssociation } from '../../schema/ontology.js';
import { primaryKeyOf } from '../../schema/ontology.js';
import type { Criteria, JoinInstruction, NormalizedPopulate } from '../shapes.js';
import { columnOf } from './column-names.js';
import { forgeCriteria, selectColumns } from './forge-criteria.js';

const ALL: Criteria = { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], select: ['*'], omit: [] };

function targetOf(ontology: Ontology, identity: string): ModelOntology {
  const target = ontology[identity];
  if (!target) throw new Error(`Consistency violation: association target \`${identity}\` is not a model.`);
  return target;
}

/**
 * Instructions of `populate === true` aliases (and of every singular one) depend on the model
 * and alias only, so they are built once: on a findOne with populate, building them was the
 * largest part of Mooring's own work above the adapter. Frozen, since every query shares them.
 */
const defaults = new WeakMap<ModelOntology, Map<string, readonly JoinInstruction[]>>();

function defaultJoins(model: ModelOntology, ontology: Ontology, alias: string): readonly JoinInstruction[] {
  let byAlias = defaults.get(model);
  if (!byAlias) {
    byAlias = new Map();
    defaults.set(model, byAlias);
  }
  let joins = byAlias.get(alias);
  if (!joins) {
    joins = Object.freeze(aliasJoins(model, ontology, alias, true, false).map(freezeJoin));
    byAlias.set(alias, joins);
  }
  return joins;
}

function freezeJoin(join: JoinInstruction): JoinInstruction {
  const { criteria } = join;
  for (const value of Object.values(criteria)) if (typeof value === 'object' && value !== null) Object.freeze(value);
  Object.freeze(criteria);
  return Object.freeze(join);
}

/**
 * `keysOnly` names aliases whose children are read again in full by a nested populate: for
 * those the join only needs each child's primary key (and what links it to its parent).
 */
export function forgeJoins(
  model: ModelOntology,
  ontology: Ontology,
  populates: Record<string, NormalizedPopulate>,
  keysOnly: ReadonlySet<string> = new Set(),
): JoinInstruction[] {
  const joins: JoinInstruction[] = [];
  for (const [alias, populate] of Object.entries(populates)) {
    if (populate === false) continue;
    const keys = keysOnly.has(alias);
    const shared = !keys && (populate === true || model.attributes[alias]?.kind === 'model');
    joins.push(...(shared ? defaultJoins(model, ontology, alias) : aliasJoins(model, ontology, alias, populate, keys)));
  }
  return joins;
}

function aliasJoins(model: ModelOntology, ontology: Ontology, alias: string, populate: true | Criteria, keysOnly: boolean): JoinInstruction[] {
  const attr = model.attributes[alias];
  if (!attr || attr.kind === 'scalar') throw new Error(`Consistency violation: \`${alias}\` is not an association of \`${model.identity}\`.`);
  if (attr.kind === 'model') {
    const child = targetOf(ontology, attr.model);
    const childPk = primaryKeyOf(child).columnName;
    return [
      {
        ...ends(model, alias, child),
        parentKey: attr.columnName,
        childKey: childPk,
        removeParentKey: true,
        model: true,
        collection: false,
        criteria: { select: keysOnly ? [childPk] : (selectColumns(child, ALL) ?? []) },
      },
    ];
  }
  const child = targetOf(ontology, attr.collection);
  let sub = populate === true ? ALL : populate;
  if (keysOnly) sub = { ...sub, select: [child.primaryKey], omit: [] };
  return attr.junction ? junctionJoins(model, alias, child, ontology, attr.junction, sub) : [viaJoin(model, alias, child, attr, sub)];
}

/** The identity, table and alias keys of a join from `parent` to `child`. */
function ends(parent: ModelOntology, alias: string, child: ModelOntology) {
  return {
    parentCollectionIdentity: parent.identity,
    parent: parent.tableName,
    parentAlias: `${parent.identity}__${alias}`,
    childCollectionIdentity: child.identity,
    child: child.tableName,
    childAlias: `${child.identity}__${alias}`,
    alias,
  };
}

/** One-to-many and has-one: the children's fk column (`via`) holds the parent's key. */
function viaJoin(model: ModelOntology, alias: string, child: ModelOntology, attr: PluralAssociation, sub: Criteria): JoinInstruction {
  const via = attr.via ? child.attributes[attr.via] : undefined;
  if (!via || via.kind !== 'model') {
    throw new Error(`Consistency violation: \`${model.identity}.${alias}\` has neither a junction nor a \`via\` naming a \`model\` attribute of \`${child.identity}\`.`);
  }
  return {
    ...ends(model, alias, child),
    parentKey: primaryKeyOf(model).columnName,
    childKey: via.columnName,
    removeParentKey: false,
    model: false,
    collection: true,
    criteria: { ...forgeCriteria(child, sub, { select: true, extraSelect: [via.name] }), omit: [] },
  };
}

/**
 * Many-to-many, via-less and through: Waterline's two-instruction form. For `through`, `via`
 * names an attribute of the through model, so the link is read from `junction`, never `via`.
 */
function junctionJoins(
  model: ModelOntology,
  alias: string,
  child: ModelOntology,
  ontology: Ontology,
  link: JunctionLink,
  sub: Criteria,
): JoinInstruction[] {
  const junction = targetOf(ontology, link.model);
  return [
    {
      ...ends(model, alias, junction),
      parentKey: primaryKeyOf(model).columnName,
      childKey: columnOf(junction, link.parentAttribute),
      removeParentKey: false,
      model: false,
      collection: true,
      select: false,
      criteria: {},
    },
    {
      ...ends(junction, alias, child),
      parentKey: columnOf(junction, link.childAttribute),
      childKey: primaryKeyOf(child).columnName,
      removeParentKey: false,
      model: false,
      collection: true,
      junctionTable: true,
      criteria: { ...forgeCriteria(child, sub, { select: true }), omit: [] },
    },
  ];
}
