/**
 * Normalised populates → Waterline `join` instructions (adapter API v1). Singular
 * associations become one join on the parent's fk; one-to-many ones one join on the child's fk.
 */
import type { ModelOntology, Ontology } from '../../schema/ontology.js';
import { primaryKeyOf } from '../../schema/ontology.js';
import type { JoinInstruction, NormalizedPopulate } from '../shapes.js';
import { forgeCriteria, selectColumns } from './forge-criteria.js';

const ALL = { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], select: ['*'], omit: [] };

function targetOf(ontology: Ontology, identity: string): ModelOntology {
  const target = ontology[identity];
  if (!target) throw new Error(`Consistency violation: association target \`${identity}\` is not a model.`);
  return target;
}

export function forgeJoins(model: ModelOntology, ontology: Ontology, populates: Record<string, NormalizedPopulate>): JoinInstruction[] {
  const joins: JoinInstruction[] = [];
  for (const [alias, populate] of Object.entries(populates)) {
    if (populate === false) continue;
    const attr = model.attributes[alias];
    if (!attr || attr.kind === 'scalar') throw new Error(`Consistency violation: \`${alias}\` is not an association of \`${model.identity}\`.`);
    if (attr.kind === 'model') {
      const child = targetOf(ontology, attr.model);
      joins.push({
        parentCollectionIdentity: model.identity,
        parent: model.tableName,
        parentAlias: `${model.identity}__${alias}`,
        parentKey: attr.columnName,
        childCollectionIdentity: child.identity,
        child: child.tableName,
        childAlias: `${child.identity}__${alias}`,
        childKey: primaryKeyOf(child).columnName,
        alias,
        removeParentKey: true,
        model: true,
        collection: false,
        criteria: { select: selectColumns(child, ALL) ?? [] },
      });
      continue;
    }
    const child = targetOf(ontology, attr.collection);
    const via = attr.via ? child.attributes[attr.via] : undefined;
    if (!via || via.kind !== 'model') {
      throw new Error(`Populating \`${model.identity}.${alias}\` (a many-to-many or via-less collection) is not supported yet.`);
    }
    const sub = populate === true ? ALL : populate;
    joins.push({
      parentCollectionIdentity: model.identity,
      parent: model.tableName,
      parentAlias: `${model.identity}__${alias}`,
      parentKey: primaryKeyOf(model).columnName,
      childCollectionIdentity: child.identity,
      child: child.tableName,
      childAlias: `${child.identity}__${alias}`,
      childKey: via.columnName,
      alias,
      removeParentKey: false,
      model: false,
      collection: true,
      criteria: { ...forgeCriteria(child, sub, { select: true, extraSelect: [via.name] }), omit: [] },
    });
  }
  return joins;
}
