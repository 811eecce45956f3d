/** A `type` attribute: its type, requiredness, default, null handling, timestamps and rules. */
import { ATTRIBUTE_TYPES, isAttributeType } from './attribute-types.js';
import { extrasOf } from './attribute-properties.js';
import { readAutoMigrations, readColumnName, type Say } from './common-attribute-checks.js';
import type { AttributeType, ScalarAttribute } from './ontology.js';
import { hasOwn, show, type Dictionary } from './plain-data.js';
import { isStrictlyValid } from './strict-type-check.js';
import { validateRules } from './validate-rules.js';

const TIMESTAMP_TYPES: readonly AttributeType[] = ['number', 'string', 'ref'];
const NULLABLE_TYPES: readonly AttributeType[] = ['string', 'number', 'boolean'];

export function buildScalarAttribute(name: string, attr: Readonly<Dictionary>, say: Say): ScalarAttribute | undefined {
  for (const key of ['via', 'through', 'dominant']) {
    if (hasOwn(attr, key)) say(`\`${key}\` only belongs on \`collection\` attributes.`);
  }
  const type = attr['type'];
  if (type === undefined || type === '') {
    say(`missing \`type\`; use one of ${ATTRIBUTE_TYPES.join(', ')} (or \`model\`/\`collection\` for an association).`);
    return undefined;
  }
  if (!isAttributeType(type)) {
    say(`unknown type ${show(type)}; use one of ${ATTRIBUTE_TYPES.join(', ')}.`);
    return undefined;
  }

  const required = readFlag(attr, 'required', say);
  const allowNull = readFlag(attr, 'allowNull', say);
  const autoCreatedAt = readFlag(attr, 'autoCreatedAt', say);
  const autoUpdatedAt = readFlag(attr, 'autoUpdatedAt', say);
  const encrypt = readFlag(attr, 'encrypt', say, 'E_INVALID_ENCRYPT');
  const hasDefault = hasOwn(attr, 'defaultsTo');
  const defaultsTo = attr['defaultsTo'];
  const timestamp = autoCreatedAt || autoUpdatedAt;

  if (autoCreatedAt && autoUpdatedAt) say('an attribute cannot be both `autoCreatedAt` and `autoUpdatedAt`.');
  if (timestamp && !TIMESTAMP_TYPES.includes(type)) say(`a timestamp attribute must have type number, string or ref, not \`${type}\`.`);
  if (timestamp && required) say('a timestamp attribute cannot be `required` (its value is set automatically).');

  if (hasDefault) {
    if (typeof defaultsTo === 'function') say('`defaultsTo` cannot be a function; give a value.');
    else if (!isStrictlyValid(type, defaultsTo)) say(`\`defaultsTo: ${show(defaultsTo)}\` is not a valid \`${type}\` (defaults are checked strictly, without coercion).`);
    if (required) say('`required` and `defaultsTo` cannot be used together; remove one.');
    if (timestamp) say('a timestamp attribute cannot have `defaultsTo`.');
    if (encrypt) say('`encrypt` cannot be used with `defaultsTo` (E_ATTR_NOT_COMPATIBLE_WITH_AT_REST_ENCRYPTION).');
  }

  if (allowNull) {
    if (!NULLABLE_TYPES.includes(type)) say(`\`allowNull\` only applies to string, number and boolean; a \`${type}\` attribute accepts null already.`);
    if (timestamp) say('a timestamp attribute cannot have `allowNull`.');
    if (required) say('`allowNull` cannot be used with `required`.');
    if (hasDefault && defaultsTo === null) say('`allowNull` cannot be used with `defaultsTo: null`; omitted values become null already.');
  }

  if (encrypt && type === 'ref') say('`encrypt` cannot be used on a `ref` attribute (E_ATTR_NOT_COMPATIBLE_WITH_AT_REST_ENCRYPTION).');
  if (encrypt && timestamp) say('`encrypt` cannot be used on a timestamp attribute (E_ATTR_NOT_COMPATIBLE_WITH_AT_REST_ENCRYPTION).');

  const rules = validateRules(attr['validations'], type);
  rules.problems.forEach(say);

  return {
    kind: 'scalar',
    name,
    type,
    columnName: readColumnName(name, attr, say),
    required,
    allowNull,
    hasDefault,
    ...(hasDefault ? { defaultsTo } : {}),
    autoCreatedAt,
    autoUpdatedAt,
    autoMigrations: readAutoMigrations(attr, say, `_${type}`),
    validations: rules.validations,
    encrypt,
    extras: extrasOf(attr),
  };
}

export function readFlag(attr: Readonly<Dictionary>, key: string, say: Say, code?: string): boolean {
  const value = attr[key];
  if (value !== undefined && typeof value !== 'boolean') {
    say(`\`${key}\` must be true or false, not ${show(value)}${code ? ` (${code})` : ''}.`);
  }
  return value === true;
}
