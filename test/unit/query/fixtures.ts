/**
 * Hand-built ontologies for stage-2 tests: plain data, no schema builder involved.
 * `user` has every kind of attribute; `note` is schemaless; `tag` has a string primary key.
 */
import type {
  AttributeType,
  ModelOntology,
  ModelSettings,
  Ontology,
  PluralAssociation,
  ScalarAttribute,
  SingularAssociation,
} from '../../../src/schema/ontology.js';

const NO_MIGRATIONS = { columnType: '_string', unique: false, autoIncrement: false } as const;

function scalar(name: string, type: AttributeType): ScalarAttribute {
  return {
    kind: 'scalar',
    name,
    type,
    columnName: name,
    required: false,
    allowNull: false,
    hasDefault: false,
    autoCreatedAt: false,
    autoUpdatedAt: false,
    autoMigrations: NO_MIGRATIONS,
    validations: {},
    encrypt: false,
    extras: {},
  };
}

function singular(name: string, model: string, type: 'string' | 'number'): SingularAssociation {
  return { kind: 'model', name, model, type, columnName: name, required: false, autoMigrations: NO_MIGRATIONS, extras: {} };
}

function plural(name: string, collection: string, via?: string): PluralAssociation {
  return { kind: 'collection', name, collection, ...(via === undefined ? {} : { via }), extras: {} };
}

export const DEFAULT_SETTINGS: ModelSettings = {
  fetchRecordsOnCreate: false,
  fetchRecordsOnCreateEach: false,
  fetchRecordsOnUpdate: false,
  fetchRecordsOnDestroy: false,
  cascadeOnDestroy: false,
  dontUseObjectIds: false,
  archiveModelIdentity: false,
};

function model(identity: string, primaryKey: string, attrs: ReadonlyArray<ScalarAttribute | SingularAssociation | PluralAssociation>, hasSchema = true): ModelOntology {
  const attributes = Object.fromEntries(attrs.map((attr) => [attr.name, attr]));
  const attributeByColumn = Object.fromEntries(attrs.filter((attr) => attr.kind !== 'collection').map((attr) => [attr.name, attr.name]));
  return {
    identity,
    tableName: identity,
    datastore: 'default',
    primaryKey,
    hasSchema,
    attributes,
    attributeByColumn,
    settings: DEFAULT_SETTINGS,
    definition: {},
  };
}

export const user = model('user', 'id', [
  scalar('id', 'number'),
  scalar('name', 'string'),
  scalar('age', 'number'),
  scalar('active', 'boolean'),
  scalar('data', 'json'),
  singular('pet', 'pet', 'number'),
  plural('pets', 'pet', 'owner'),
  plural('tags', 'tag'),
]);

export const pet = model('pet', 'id', [
  scalar('id', 'number'),
  scalar('name', 'string'),
  scalar('photo', 'ref'),
  singular('owner', 'user', 'number'),
  singular('tag', 'tag', 'string'),
]);

export const tag = model('tag', 'label', [scalar('label', 'string'), scalar('color', 'string')]);

/** `schema: false`: undeclared names are allowed as filters and sort keys. */
export const note = model('note', 'id', [scalar('id', 'number'), scalar('title', 'string')], false);

export const ontology: Ontology = { user, pet, tag, note };

/** A copy of `base` with some settings changed. */
export function withSettings(base: ModelOntology, settings: Partial<ModelSettings>): ModelOntology {
  return { ...base, settings: { ...base.settings, ...settings } };
}

export const MAX = Number.MAX_SAFE_INTEGER;

/** The criteria every clause defaults to; spread and override in expectations. */
export const DEFAULTS = { where: {}, limit: MAX, skip: 0, sort: [], select: ['*'], omit: [] } as const;
