/**
 * Waterline ignored `via` on a `model` attribute and kept a column for it; Mooring reads such
 * an attribute as a has-one, which has no column on its side, so `alter` would drop that
 * column. Before altering, refuse if the old column still holds links, and say how to move them.
 */
import type { Adapter } from '../adapters/adapter.js';
import { ConfigurationError } from '../errors/index.js';
import type { ModelOntology, Ontology, PluralAssociation } from '../schema/ontology.js';
import { primaryKeyOf } from '../schema/ontology.js';

export async function checkHasOneColumns(adapter: Adapter, datastore: string, model: ModelOntology, ontology: Ontology): Promise<void> {
  for (const attr of Object.values(model.attributes)) {
    // Waterline named the column after the attribute; skip it if another attribute now owns that name.
    if (attr.kind !== 'collection' || !attr.hasOne || model.attributeByColumn[attr.name] !== undefined) continue;
    const column = attr.name;
    let rows: Record<string, unknown>[];
    try {
      rows = await adapter.find(datastore, {
        method: 'find',
        using: model.tableName,
        criteria: { where: { [column]: { '!=': null } }, limit: 1, skip: 0, sort: [], select: [column] },
      });
    } catch {
      continue; // No table, or no such column: nothing to lose.
    }
    if (rows.some((row) => row[column] !== null && row[column] !== undefined)) {
      throw new ConfigurationError('E_ALTER_WOULD_LOSE_DATA', message(model, attr, ontology));
    }
  }
}

function message(model: ModelOntology, attr: PluralAssociation, ontology: Ontology): string {
  const target = ontology[attr.collection];
  const via = target?.attributes[attr.via ?? ''];
  const fk = via && via.kind !== 'collection' ? via.columnName : (attr.via ?? '?');
  const targetPk = target ? primaryKeyOf(target).columnName : 'id';
  const pk = primaryKeyOf(model).columnName;
  const [own, other] = [model.tableName, target?.tableName ?? attr.collection];
  return (
    `Model \`${model.identity}\`: \`migrate: 'alter'\` would drop column \`${attr.name}\` of table \`${own}\`, which still holds links. ` +
    `\`${attr.name}\` is now a has-one (\`{model: '${attr.collection}', via: '${attr.via ?? ''}'}\`): its foreign key is ` +
    `\`${attr.collection}.${attr.via ?? ''}\`, and this side keeps no column. Nothing was changed. ` +
    `Move the links to \`${other}.${fk}\` first, then clear the old column and initialize again, e.g.:\n` +
    `  UPDATE ${other} SET ${fk} = (SELECT ${own}.${pk} FROM ${own} WHERE ${own}.${attr.name} = ${other}.${targetPk}) ` +
    `WHERE ${targetPk} IN (SELECT ${attr.name} FROM ${own});\n` +
    `  UPDATE ${own} SET ${attr.name} = NULL;\n` +
    `Until then, \`migrate: 'safe'\` on \`${model.identity}\` leaves the table as it is.`
  );
}
