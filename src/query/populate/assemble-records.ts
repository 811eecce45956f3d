/**
 * Physical rows (parents with joined children attached, in column names) → records in
 * attribute names, each populated association in Waterline's shape: a record or `null` for a
 * singular one or a has-one, an array (children once each) for a plural one.
 */
import type { ModelOntology, Ontology } from '../../schema/ontology.js';
import { attachToJSON, recordFromRow } from '../../records/from-row.js';
import type { NormalizedPopulate, RecordData } from '../shapes.js';

function childRecord(child: ModelOntology, row: RecordData): RecordData {
  return attachToJSON(child, recordFromRow(child, row));
}

export function assembleRecords(
  model: ModelOntology,
  ontology: Ontology,
  rows: readonly RecordData[],
  populates: Readonly<Record<string, NormalizedPopulate>> | undefined,
): RecordData[] {
  const plan = Object.entries(populates ?? {}).map(([alias, populate]) => {
    const attr = model.attributes[alias];
    if (!attr || attr.kind === 'scalar') throw new Error(`Consistency violation: cannot populate \`${alias}\`.`);
    const target = ontology[attr.kind === 'model' ? attr.model : attr.collection];
    if (!target) throw new Error(`Consistency violation: unknown association target for \`${alias}\`.`);
    return { alias, attr, target, never: populate === false };
  });
  const out: RecordData[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RecordData;
    const record = recordFromRow(model, row);
    for (const { alias, attr, target, never } of plan) {
      if (attr.kind === 'model') {
        const child = row[attr.columnName];
        record[alias] = child !== null && typeof child === 'object' ? childRecord(target, child as RecordData) : null;
        continue;
      }
      const children = never ? [] : ((row[alias] as RecordData[] | undefined) ?? []);
      const pkColumn = target.attributes[target.primaryKey];
      const pk = pkColumn && pkColumn.kind !== 'collection' ? pkColumn.columnName : target.primaryKey;
      const seen = new Set<unknown>();
      const list: RecordData[] = [];
      for (const c of children) {
        if (seen.has(c[pk])) continue;
        seen.add(c[pk]);
        list.push(childRecord(target, c));
      }
      // A has-one is stored like a one-to-many but read as its one record (the fk is unique).
      record[alias] = attr.hasOne ? (list[0] ?? null) : list;
    }
    out[i] = attachToJSON(model, record);
  }
  return out;
}
