import type { AttributeType } from './ontology.js';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'number', 'boolean', 'json', 'ref'];

export function isAttributeType(value: unknown): value is AttributeType {
  return typeof value === 'string' && (ATTRIBUTE_TYPES as readonly string[]).includes(value);
}

/** Old Waterline types Sails renames, with a warning. */
export const RENAMED_TYPES: Readonly<Record<string, AttributeType>> = {
  text: 'string',
  mediumtext: 'string',
  longtext: 'string',
  integer: 'number',
  float: 'number',
};

/** Old Waterline types Sails rejects, with what to write instead. */
export const REJECTED_TYPES: Readonly<Record<string, string>> = {
  array: "use `type: 'json'` (add `columnType: 'array'` only if your database has array columns)",
  date: "use `type: 'string'` with `columnType: 'date'`, or `type: 'number'` for a timestamp in ms",
  datetime: "use `type: 'string'` with `columnType: 'datetime'`, or `type: 'ref'` with `columnType: 'datetime'` to store Date objects",
  binary: "use `type: 'ref'` with a binary `columnType` such as `'blob'` or `'bytea'`",
  objectid: "use `type: 'string'` (with `columnName: '_id'` for a MongoDB primary key)",
};
