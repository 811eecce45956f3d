/**
 * Waterline's reserved column types (`_string`, `_numberkey`, `_booleantimestamp`, …) parsed
 * into a kind plus flags; any other string is a native SQL type used verbatim.
 */

export type ValueKind = 'string' | 'number' | 'boolean' | 'json' | 'ref' | 'native';

export interface ColumnType {
  readonly kind: ValueKind;
  /** `…key`: the column holds a primary or foreign key. */
  readonly key: boolean;
  /** `…timestamp`: an auto-timestamp column. */
  readonly timestamp: boolean;
  /** The native type text (kind `native` only). */
  readonly native?: string;
}

const RESERVED = /^_(string|number|boolean|json|ref)(key|timestamp)?$/i;

export function parseColumnType(columnType: string): ColumnType {
  const match = RESERVED.exec(columnType);
  if (!match) return { kind: 'native', key: false, timestamp: false, native: columnType };
  const suffix = match[2]?.toLowerCase();
  return {
    kind: (match[1] ?? 'string').toLowerCase() as ValueKind,
    key: suffix === 'key',
    timestamp: suffix === 'timestamp',
  };
}

// Native types go verbatim into DDL, so only type-like text is accepted:
// `varchar(255)`, `double precision`, `decimal(10, 2)`, `integer[]`.
const NATIVE = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?( ?\[\])?$/;

export function isSafeNativeType(text: string): boolean {
  return NATIVE.test(text.trim());
}
