/**
 * The read side: a physical row (column names) becomes a record (attribute names), and records
 * get the model's `customToJSON`. This runs once per returned row, so the per-model work is
 * done once and cached, and each row costs one output object.
 */
import { isColumnAttribute, type ModelOntology } from '../schema/ontology.js';

type Row = Readonly<Record<string, unknown>>;
type MapRow = (row: Row) => Record<string, unknown>;

const mappers = new WeakMap<ModelOntology, MapRow>();

function buildMapper(model: ModelOntology): MapRow {
  // Parallel arrays, in attribute declaration order: read `columns[i]`, write `attributes[i]`.
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
  // Column names that a plain object inherits (e.g. `constructor`) need an own-property check.
  const inherited = columns.map((column) => column in Object.prototype);
  const copy = compileCopy(columns, attributes, inherited) ?? ((row: Row) => copyDeclared(columns, attributes, inherited, row));
  if (model.hasSchema) return copy;
  // Schemaless models also keep every undeclared key of the row as-is.
  return (row) => {
    const out = copy(row);
    for (const key in row) {
      if (!declared.has(key) && Object.hasOwn(row, key)) out[key] = row[key];
    }
    return out;
  };
}

/** Reads each declared column and writes its attribute; columns missing from the row are left out. */
function copyDeclared(columns: readonly string[], attributes: readonly string[], inherited: readonly boolean[], row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as string;
    const value = row[column];
    // Fast path: a defined value is the row's own unless the column name is inherited from Object.prototype.
    if (value !== undefined ? !inherited[i] || Object.hasOwn(row, column) : Object.hasOwn(row, column)) {
      out[attributes[i] as string] = value;
    }
  }
  return out;
}

/**
 * `copyDeclared` unrolled into straight-line code with constant property names, so V8 uses
 * inline caches instead of generic keyed loads and stores: several times faster on large
 * pages (the "generated hydrator" of MikroORM). Names enter the code only as JSON string
 * literals. `undefined` when code generation is disabled or a name is `__proto__`.
 */
function compileCopy(columns: readonly string[], attributes: readonly string[], inherited: readonly boolean[]): MapRow | undefined {
  if (columns.includes('__proto__') || attributes.includes('__proto__')) return undefined;
  const lines = columns.map((column, i) => {
    const c = JSON.stringify(column);
    const a = JSON.stringify(attributes[i]);
    return inherited[i]
      ? `if (hasOwn(row, ${c})) out[${a}] = row[${c}];`
      : `v = row[${c}]; if (v !== undefined || hasOwn(row, ${c})) out[${a}] = v;`;
  });
  try {
    const factory = new Function('hasOwn', `return function copyColumns(row) {\nconst out = {};\nlet v;\n${lines.join('\n')}\nreturn out;\n};`);
    return factory(Object.hasOwn) as MapRow;
  } catch {
    // e.g. node --disallow-code-generation-from-strings
    return undefined;
  }
}

/** The row → record function of `model` (see `recordFromRow`); fetch it once to convert many rows. */
export function rowMapperFor(model: ModelOntology): MapRow {
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
export function recordFromRow(model: ModelOntology, row: Row): Record<string, unknown> {
  return rowMapperFor(model)(row);
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
