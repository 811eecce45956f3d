/** Model-level settings: which keys mean what, their defaults, and their checks. */
import type { Complain } from './problems.js';
import type { ModelHeader } from './draft-model.js';
import type { ModelNames } from './model-identity.js';
import type { ModelSettings } from './ontology.js';
import { hasOwn, isDictionary, show, type Dictionary } from './plain-data.js';

export const LIFECYCLE_CALLBACKS: readonly string[] = [
  'beforeCreate', 'afterCreate', 'beforeUpdate', 'afterUpdate', 'beforeDestroy', 'afterDestroy',
  // Collected but never invoked by Waterline; accepted so old definitions still load.
  'beforeValidate', 'afterValidate', 'beforeFind', 'afterFind', 'beforeFindOne', 'afterFindOne',
];

const BOOLEAN_SETTINGS = [
  'fetchRecordsOnCreate', 'fetchRecordsOnCreateEach', 'fetchRecordsOnUpdate', 'fetchRecordsOnDestroy',
  'cascadeOnDestroy', 'dontUseObjectIds',
] as const;

/** Every key Mooring interprets; any other top-level key is a custom model method/property. */
export const KNOWN_SETTINGS: readonly string[] = [
  'identity', 'globalId', 'tableName', 'datastore', 'primaryKey', 'attributes', 'schema', 'migrate',
  'archiveModelIdentity', 'customToJSON', 'dataEncryptionKeys', 'meta',
  ...BOOLEAN_SETTINGS, ...LIFECYCLE_CALLBACKS,
];

/** Settings that older Waterline/Sails versions had, with what to do instead. */
const REJECTED_SETTINGS: Readonly<Record<string, string>> = {
  autoCreatedAt: "is not a model setting; declare a timestamp attribute instead, e.g. `createdAt: {type: 'number', autoCreatedAt: true}`.",
  autoUpdatedAt: "is not a model setting; declare a timestamp attribute instead, e.g. `updatedAt: {type: 'number', autoUpdatedAt: true}`.",
  autoPK: "is no longer supported; declare the primary key attribute (e.g. `id: {type: 'number', autoIncrement: true}`) and name it with `primaryKey`.",
  connection: 'is no longer supported; use `datastore` instead.',
  types: '(custom types) is no longer supported; use `validations: {custom: (value) => …}` on the attribute.',
};

const MIGRATE_STRATEGIES = ['safe', 'alter', 'drop'] as const;

export interface SettingsContext {
  readonly names: ModelNames;
  readonly datastoreNames: readonly string[];
  readonly complain: Complain;
}

export function readModelHeader(def: Readonly<Dictionary>, context: SettingsContext): ModelHeader {
  const { names, complain } = context;
  for (const [key, advice] of Object.entries(REJECTED_SETTINGS)) {
    if (hasOwn(def, key)) complain(`\`${key}\` ${advice}`);
  }
  for (const key of LIFECYCLE_CALLBACKS) {
    if (def[key] !== undefined && typeof def[key] !== 'function') complain(`lifecycle callback \`${key}\` must be a function.`);
  }

  const customToJSON = def['customToJSON'];
  if (customToJSON !== undefined && typeof customToJSON !== 'function') complain('`customToJSON` must be a function.');
  const globalId = def['globalId'];
  if (globalId !== undefined && typeof globalId !== 'string') complain('`globalId` must be a string.');
  const meta = def['meta'];
  if (meta !== undefined && !isDictionary(meta)) complain('`meta` must be a dictionary.');
  const keys = def['dataEncryptionKeys'];

  return {
    identity: names.identity,
    tableName: names.tableName,
    datastore: readDatastore(def, context),
    primaryKey: readPrimaryKeyName(def, complain),
    hasSchema: readSchema(def, complain),
    settings: readSettings(def, names.identity, complain),
    ...(typeof customToJSON === 'function' ? { customToJSON: customToJSON as ModelHeader['customToJSON'] } : {}),
    ...(typeof globalId === 'string' ? { globalId } : {}),
    ...(isDictionary(meta) ? { meta } : {}),
    // Checked with every model's encryption needs in view (validate-encryption.ts).
    ...(isDictionary(keys) ? { dataEncryptionKeys: keys as Record<string, string> } : {}),
  };
}

function readDatastore(def: Readonly<Dictionary>, { datastoreNames, complain }: SettingsContext): string {
  const value = def['datastore'];
  if (value === undefined) {
    if (!datastoreNames.includes('default')) {
      complain('no `datastore` is set and no datastore named `default` is configured; set `datastore` to one of: ' + listOf(datastoreNames) + '.');
    }
    return 'default';
  }
  if (typeof value !== 'string' || value === '') {
    complain(`\`datastore\` must be the name of a configured datastore (a string), not ${show(value)}.`);
    return 'default';
  }
  if (!datastoreNames.includes(value)) {
    complain(`\`datastore: '${value}'\` is not a configured datastore; configured: ${listOf(datastoreNames)}.`);
  }
  return value;
}

function readPrimaryKeyName(def: Readonly<Dictionary>, complain: Complain): string {
  const value = def['primaryKey'];
  // Sails' own default when neither the model nor the app-wide settings name one.
  if (value === undefined) return 'id';
  if (typeof value !== 'string' || value === '') {
    complain(`\`primaryKey\` must be the name of an attribute (a string), not ${show(value)}.`);
    return 'id';
  }
  return value;
}

function readSchema(def: Readonly<Dictionary>, complain: Complain): boolean {
  const value = def['schema'];
  if (value === undefined) return true;
  if (typeof value !== 'boolean') complain('`schema` must be true or false.');
  return value !== false;
}

function readSettings(def: Readonly<Dictionary>, identity: string, complain: Complain): ModelSettings {
  const flags = {} as Record<(typeof BOOLEAN_SETTINGS)[number], boolean>;
  for (const key of BOOLEAN_SETTINGS) {
    const value = def[key];
    if (value !== undefined && typeof value !== 'boolean') complain(`\`${key}\` must be true or false.`);
    flags[key] = value === true;
  }

  const migrate = def['migrate'];
  const validMigrate = MIGRATE_STRATEGIES.find((strategy) => strategy === migrate);
  if (migrate !== undefined && validMigrate === undefined) complain("`migrate` must be 'safe', 'alter' or 'drop'.");

  const archive = def['archiveModelIdentity'] ?? 'archive';
  let archiveModelIdentity: string | false = 'archive';
  if (archive === false) archiveModelIdentity = false;
  else if (typeof archive !== 'string' || archive === '') complain('`archiveModelIdentity` must be a model identity or `false`.');
  else if (archive.toLowerCase() === identity) complain('`archiveModelIdentity` names this model itself; a model cannot be its own archive.');
  else archiveModelIdentity = archive.toLowerCase();

  return { ...flags, ...(validMigrate ? { migrate: validMigrate } : {}), archiveModelIdentity };
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((name) => `\`${name}\``).join(', ');
}
