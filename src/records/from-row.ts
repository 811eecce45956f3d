/**
 * The read side: a physical row (column names) becomes a record (attribute names), and records
 * get the model's `customToJSON`. This runs once per returned row, so the per-model work is
 * done once and cached, and each row costs one output object.
 */
import { isColumnAttribute, type ModelOntology } from '../schema/ontology.js';

interface RowMapper {
  /** Parallel arrays, in attribute declaration order: read `columns[i]`, write `attributes[i]`. */
  readonly columns: readonly string[];
  readonly attributes: readonly string[];
  /** Column names that a plain object inherits (e.g. `constructor`), which need an own-property check. */
  readonly inherited: readonly boolean[];
  /** Schemaless models: every declared column and attribute name; other row keys are copied as-is. */
  readonly declared: ReadonlySet<string> | undefined;
}

const mappers = new WeakMap<ModelOntology, RowMapper>();

function buildMapper(model: ModelOntology): RowMapper {
  const columns: string[] = [];
  const attributes: string[] = [];
  // A row key `__proto__` (e.g. from JSON) would replace the record's prototype if copied.
  const declared = new Set<string>(['__proto__']);
  for (const [name, attr] of Object.entries(model.attributes)) {
    declared.add(name);
    if (!isColumnAttribute(attr)) continue;
    columns.push(attr.columnName);
    attributes.push(name);
    declared.add(attr.columnName);
  }
  return {
    columns,
    attributes,
    inherited: columns.map((column) => column in Object.prototype),
    declared: model.hasSchema ? undefined : declared,
  };
}

function mapperFor(model: ModelOntology): RowMapper {
  let mapper = mappers.get(model);
  if (!mapper) {
    mapper = buildMapper(model);
    mappers.set(model, mapper);
  }
  return mapper;
}

/**
 * A fresh record in attribute names from one row in column names. Reads each declared column
 * and writes its attribute, so it is safe when one attribute's name is another's column name.
 * Columns missing from the row are left out (e.g. not selected). Schemaful models keep only
 * declared columns; schemaless models also keep any other key of the row unchanged.
 */
export function recordFromRow(model: ModelOntology, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { columns, attributes, inherited, declared } = mapperFor(model);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as string;
    const value = row[column];
    // Fast path: a defined value is the row's own unless the column name is inherited from Object.prototype.
    if (value !== undefined ? !inherited[i] || Object.hasOwn(row, column) : Object.hasOwn(row, column)) {
      out[attributes[i] as string] = value;
    }
  }
  if (declared) {
    for (const key in row) {
      if (!declared.has(key) && Object.hasOwn(row, key)) out[key] = row[key];
    }
  }
  return out;
}

/**
 * Gives `record` the model's `customToJSON` as a non-enumerable, writable `toJSON`, so
 * `JSON.stringify(record)` uses it while the record's own keys stay the data. Returns `record`.
 */
export function attachToJSON<T extends object>(model: ModelOntology, record: T): T {
  const toJSON = model.customToJSON;
  if (toJSON) Object.defineProperty(record, 'toJSON', { value: toJSON, writable: true, enumerable: false, configurable: true });
  return record;
}
