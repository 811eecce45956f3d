/**
 * Attribute names → column names for where clauses, sort directives and records. A name
 * that is not a declared attribute (schemaless models) is its own column.
 */
import type { ModelOntology } from '../../schema/ontology.js';
import type { RecordData, SortDirective, WhereClause } from '../shapes.js';

export function columnOf(model: ModelOntology, attrName: string): string {
  const attr = model.attributes[attrName];
  return attr && attr.kind !== 'collection' ? attr.columnName : attrName;
}

export function whereToColumns(model: ModelOntology, where: WhereClause): WhereClause {
  const keys = Object.keys(where);
  if (keys.length === 0) return where;
  const key = keys[0] as string;
  const value = where[key];
  if (key === 'and' || key === 'or') {
    return { [key]: (value as WhereClause[]).map((branch) => whereToColumns(model, branch)) };
  }
  return { [columnOf(model, key)]: value };
}

export function sortToColumns(model: ModelOntology, sort: readonly SortDirective[]): SortDirective[] {
  return sort.map((directive) => {
    const [attr, direction] = Object.entries(directive)[0] as [string, 'ASC' | 'DESC'];
    return { [columnOf(model, attr)]: direction };
  });
}

/** Renames a normalised record's attributes to columns, leaving plural associations out. */
export function recordToColumns(model: ModelOntology, record: RecordData): RecordData {
  const out: RecordData = {};
  for (const [attrName, value] of Object.entries(record)) {
    const attr = model.attributes[attrName];
    if (attr?.kind === 'collection') continue;
    out[attr ? attr.columnName : attrName] = value;
  }
  return out;
}
