/**
 * Per-table value encoding (JS → driver) and decoding (driver → JS), built once from the
 * table's definition. Only `_boolean*` and `_json*` columns need decoding; tables without
 * them return rows untouched, which keeps the read path cheap.
 *
 * `ref` values: Buffers are stored as-is (BLOB/bytea), Dates as ISO-8601 strings, other
 * objects as JSON text; they come back exactly as the driver returns them (no revival),
 * as Waterline passes `ref` through.
 */
import type { TableDefinition } from '../adapter.js';
import { parseColumnType } from './column-type.js';
import type { Dialect } from './dialect.js';

export type Decoder = (value: unknown) => unknown;

/** How a where-clause value is used: `eq` covers `=`, `!=`, `in`, `nin`. */
export type CompareUse = 'eq' | 'cmp' | 'like';

export interface TableCodec {
  /** Encodes a value written to `column` (INSERT / UPDATE). */
  write(column: string, value: unknown): unknown;
  /** Encodes a value compared with `column` in a where clause. */
  compare(column: string, value: unknown, use: CompareUse): unknown;
  /** The decoder of `column`, or `undefined` when values pass through. */
  decoder(column: string): Decoder | undefined;
  /** Decodes a row in place and returns it. */
  decodeRow<T extends Record<string, unknown>>(row: T): T;
}

/** Encodes any JS value into something every SQL driver can bind. */
export function bindable(value: unknown, dialect: Dialect): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
      return value;
    case 'boolean':
      return dialect.encodeBoolean(value);
    case 'undefined':
      return null;
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) return dialect.encodeDate(value);
      if (Buffer.isBuffer(value)) return value;
      if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

export function tableCodec(definition: TableDefinition | undefined, dialect: Dialect): TableCodec {
  const json = new Set<string>();
  const decoders = new Map<string, Decoder>();
  for (const [column, def] of Object.entries(definition ?? {})) {
    const kind = parseColumnType(def.columnType).kind;
    if (kind === 'json') {
      json.add(column);
      decoders.set(column, (v) => dialect.decodeJson(v));
    } else if (kind === 'boolean') {
      decoders.set(column, (v) => dialect.decodeBoolean(v));
    }
  }
  const decoded = [...decoders];

  return {
    write(column, value) {
      if (json.has(column)) return value === null || value === undefined ? null : dialect.encodeJson(value);
      return bindable(value, dialect);
    },
    compare(column, value, use) {
      // Equality on a json column compares the stored JSON text.
      if (use === 'eq' && json.has(column) && value !== null) return dialect.encodeJson(value);
      return bindable(value, dialect);
    },
    decoder: (column) => decoders.get(column),
    decodeRow(row) {
      const target = row as Record<string, unknown>;
      for (const [column, decode] of decoded) {
        if (column in target) target[column] = decode(target[column]);
      }
      return row;
    },
  };
}

/** JSON stored as text (SQLite, MySQL): parsed on read; text not written by Mooring comes back as stored. */
export function decodeJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
