/**
 * Physical rows (parents with joined children attached, in column names) → records in
 * attribute names, each populated association in Waterline's shape: a record or `null` for a
 * singular one or a has-one, an array (children once each) for a plural one.
 */
import type { ModelOntology, Ontology } from '../../schema/ontology.js';
import { attachToJSON, rowMapperFor } from '../../records/from-row.js';
import type { NormalizedPopulate, RecordData } from '../shapes.js';

const NO_CHILDREN: readonly RecordData[] = [];

export function assembleRecords(
  model: ModelOntology,
  ontology: Ontology,
  rows: readonly RecordData[],
  populates: Readonly<Record<string, NormalizedPopulate>> | undefined,
): RecordData[] {
  // Everything that depends only on the model is looked up once here, not once per row.
  const plan = Object.entries(populates ?? {}).map(([alias, populate]) => {
    const attr = model.attributes[alias];
    if (!attr || attr.kind === 'scalar') throw new Error(`Consistency violation: cannot populate \`${alias}\`.`);
    const target = ontology[attr.kind === 'model' ? attr.model : attr.collection];
    if (!target) throw new Error(`Consistency violation: unknown association target for \`${alias}\`.`);
    const pkAttr = target.attributes[target.primaryKey];
    const pk = pkAttr && pkAttr.kind !== 'collection' ? pkAttr.columnName : target.primaryKey;
    const toRecord = rowMapperFor(target);
    const child = (row: RecordData): RecordData => attachToJSON(target, toRecord(row));
    return { alias, attr, child, pk, never: populate === false };
  });
  const toRecord = rowMapperFor(model);
  const out: RecordData[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RecordData;
    const record = toRecord(row);
    for (const { alias, attr, child, pk, never } of plan) {
      if (attr.kind === 'model') {
        const value = row[attr.columnName];
        record[alias] = value !== null && typeof value === 'object' ? child(value as RecordData) : null;
        continue;
      }
      const children = never ? NO_CHILDREN : ((row[alias] as RecordData[] | undefined) ?? NO_CHILDREN);
      const list: RecordData[] = [];
      if (children.length === 1) {
        list.push(child(children[0] as RecordData));
      } else if (children.length > 1) {
        // Children once each (a junction may repeat a pair); one child needs no check.
        const seen = new Set<unknown>();
        for (const c of children) {
          if (seen.has(c[pk])) continue;
          seen.add(c[pk]);
          list.push(child(c));
        }
      }
      // A has-one is stored like a one-to-many but read as its one record (the fk is unique).
      record[alias] = attr.hasOne ? (list[0] ?? null) : list;
    }
    out[i] = attachToJSON(model, record);
  }
  return out;
}
