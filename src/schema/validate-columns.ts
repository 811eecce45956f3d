/** Each column belongs to one attribute; returns column name → attribute name. */
import type { Complain } from './problems.js';
import { isColumnAttribute, type Attribute } from './ontology.js';

export function mapColumns(attributes: Readonly<Record<string, Attribute>>, complain: Complain): Record<string, string> {
  const byColumn: Record<string, string> = {};
  for (const attr of Object.values(attributes)) {
    if (!isColumnAttribute(attr)) continue;
    const owner = byColumn[attr.columnName];
    if (owner !== undefined) {
      complain(`column \`${attr.columnName}\` is already used by attribute \`${owner}\`; give one of them another \`columnName\`.`, attr.name);
      continue;
    }
    byColumn[attr.columnName] = attr.name;
  }
  return byColumn;
}
