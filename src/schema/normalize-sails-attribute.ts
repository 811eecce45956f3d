/**
 * The attribute-level Sails shorthands (sails-hook-orm), applied before schema validation.
 * Only rewrites; anything it does not understand is left in place for validation to report.
 */
import { DEPRECATED_RULE_ALIASES, RULE_NAMES, UNSUPPORTED_RULES } from '../records/rules.js';
import { isAttributeType, REJECTED_TYPES, RENAMED_TYPES } from './attribute-types.js';
import { hasOwn, isDictionary, type Dictionary } from './plain-data.js';

export interface NormalizedAttribute {
  /** `undefined` when the attribute was removed (`attr: false`). */
  readonly attribute: unknown;
  /** True when the attribute cannot be built at all (its problem is already in `problems`). */
  readonly unusable: boolean;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

const AUTO_MIGRATION_KEYS = ['unique', 'autoIncrement', 'columnType'] as const;

export function normalizeSailsAttribute(name: string, raw: unknown, isPrimaryKey: boolean): NormalizedAttribute {
  if (raw === false) return { attribute: undefined, unusable: false, problems: [], warnings: [] };
  if (typeof raw === 'string') raw = { type: raw };
  if (!isDictionary(raw)) return { attribute: raw, unusable: false, problems: [], warnings: [] };

  const problems: string[] = [];
  const warnings: string[] = [];
  const attr: Dictionary = { ...raw };

  const typeRejected = !normalizeType(attr, problems, warnings);
  moveAutoMigrationKeys(attr);
  moveRules(name, attr, problems, warnings);
  addAutoMigrationDefaults(attr, isPrimaryKey);
  return { attribute: attr, unusable: typeRejected, problems, warnings };
}

/** Returns false when the type is one Sails rejects. */
function normalizeType(attr: Dictionary, problems: string[], warnings: string[]): boolean {
  if (typeof attr['type'] !== 'string') return true;
  const type = attr['type'].toLowerCase();
  attr['type'] = type;
  const suggestion = REJECTED_TYPES[type];
  if (suggestion !== undefined) {
    problems.push(`type \`${type}\` is not supported; ${suggestion}.`);
    return false;
  }
  const renamed = RENAMED_TYPES[type];
  if (renamed !== undefined) {
    warnings.push(`type \`${type}\` is deprecated and was treated as \`${renamed}\`; write \`type: '${renamed}'\`.`);
    attr['type'] = renamed;
  }
  return true;
}

/** Top-level `unique` / `autoIncrement` / `columnType` are DDL hints: they live in `autoMigrations`. */
function moveAutoMigrationKeys(attr: Dictionary): void {
  const present = AUTO_MIGRATION_KEYS.filter((key) => hasOwn(attr, key));
  if (present.length === 0) return;
  const existing = attr['autoMigrations'];
  if (existing !== undefined && !isDictionary(existing)) return;
  const autoMigrations: Dictionary = { ...existing };
  for (const key of present) {
    autoMigrations[key] = attr[key];
    delete attr[key];
  }
  attr['autoMigrations'] = autoMigrations;
}

/** Top-level rule keys move into `validations`; old rule names are renamed or rejected. */
function moveRules(name: string, attr: Dictionary, problems: string[], warnings: string[]): void {
  const existing = attr['validations'];
  if (existing !== undefined && !isDictionary(existing)) return;
  const validations: Dictionary = {};
  const take = (key: string, config: unknown): void => {
    if (UNSUPPORTED_RULES.includes(key)) {
      problems.push(`validation rule \`${key}\` is no longer supported; remove it or use \`custom\`.`);
      return;
    }
    const renamed = DEPRECATED_RULE_ALIASES[key];
    if (renamed !== undefined) {
      warnings.push(`validation rule \`${key}\` is deprecated and was treated as \`${renamed}\`.`);
      validations[renamed] = config;
      return;
    }
    validations[key] = config;
  };

  for (const [key, config] of Object.entries(existing ?? {})) take(key, config);
  for (const key of Object.keys(attr)) {
    if (!isRuleKey(key)) continue;
    take(key, attr[key]);
    delete attr[key];
  }

  const isAssociation = hasOwn(attr, 'model') || hasOwn(attr, 'collection');
  if (isAssociation && Object.keys(validations).length > 0) {
    warnings.push(`validation rules on association \`${name}\` were ignored (${Object.keys(validations).join(', ')}).`);
    delete attr['validations'];
    return;
  }
  if (existing !== undefined || Object.keys(validations).length > 0) attr['validations'] = validations;
}

function isRuleKey(key: string): boolean {
  return RULE_NAMES.includes(key) || hasOwn(DEPRECATED_RULE_ALIASES, key) || UNSUPPORTED_RULES.includes(key);
}

/**
 * Every attribute with a column gets complete `autoMigrations`, so every migration strategy
 * works on plain definitions. A `model` attribute's `columnType` is left out here: it is
 * copied from the target's primary key once all models are known.
 */
function addAutoMigrationDefaults(attr: Dictionary, isPrimaryKey: boolean): void {
  if (hasOwn(attr, 'collection')) return;
  const existing = attr['autoMigrations'];
  if (existing !== undefined && !isDictionary(existing)) return;
  const autoMigrations: Dictionary = { ...existing };
  autoMigrations['unique'] ??= isPrimaryKey;
  autoMigrations['autoIncrement'] ??= false;
  if (!hasOwn(attr, 'model') && isAttributeType(attr['type'])) {
    autoMigrations['columnType'] ??= defaultColumnType(attr, attr['type'], isPrimaryKey);
  }
  attr['autoMigrations'] = autoMigrations;
}

function defaultColumnType(attr: Dictionary, type: string, isPrimaryKey: boolean): string {
  if (isPrimaryKey) return `_${type}key`;
  if (attr['autoCreatedAt'] === true || attr['autoUpdatedAt'] === true) return `_${type}timestamp`;
  // The stored value of an encrypted attribute is always ciphertext text, whatever its type.
  if (attr['encrypt'] === true) return '_string';
  return `_${type}`;
}
