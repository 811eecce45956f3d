/** The DDL input for `adapter.define`: one entry per column, keyed by column name. */
import type { TableDefinition } from '../adapters/adapter.js';
import { isColumnAttribute, type ModelOntology } from './ontology.js';

export function tableDefinitionOf(model: ModelOntology): TableDefinition {
  const table: TableDefinition = {};
  for (const attr of Object.values(model.attributes)) {
    if (!isColumnAttribute(attr)) continue;
    const { columnType, unique, autoIncrement } = attr.autoMigrations;
    table[attr.columnName] = {
      columnType,
      unique,
      autoIncrement,
      ...(attr.name === model.primaryKey ? { primaryKey: true } : {}),
    };
  }
  return table;
}
