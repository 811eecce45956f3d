/** Hand-built ontology pieces for record tests: plain data, defaults as initialize would set them. */
import type {
  Attribute,
  AttributeType,
  ModelOntology,
  Ontology,
  PluralAssociation,
  ScalarAttribute,
  SingularAssociation,
} from '../../../src/schema/ontology.js';

const migrations = (type: string) => ({ columnType: `_${type}`, unique: false, autoIncrement: false });

export function scalar(name: string, type: AttributeType, extra: Partial<ScalarAttribute> = {}): ScalarAttribute {
  return {
    kind: 'scalar',
    name,
    type,
    columnName: name,
    required: false,
    allowNull: false,
    hasDefault: 'defaultsTo' in extra,
    autoCreatedAt: false,
    autoUpdatedAt: false,
    autoMigrations: migrations(type),
    validations: {},
    encrypt: false,
    extras: {},
    ...extra,
  };
}

export function singular(name: string, target: string, pkType: 'string' | 'number', extra: Partial<SingularAssociation> = {}): SingularAssociation {
  return { kind: 'model', name, model: target, type: pkType, columnName: name, required: false, autoMigrations: migrations(pkType), extras: {}, ...extra };
}

export function plural(name: string, target: string, extra: Partial<PluralAssociation> = {}): PluralAssociation {
  return { kind: 'collection', name, collection: target, extras: {}, ...extra };
}

export function model(
  identity: string,
  attributes: readonly Attribute[],
  extra: Partial<Omit<ModelOntology, 'attributes' | 'attributeByColumn'>> = {},
): ModelOntology {
  const byName: Record<string, Attribute> = {};
  const byColumn: Record<string, string> = {};
  for (const attr of attributes) {
    byName[attr.name] = attr;
    if (attr.kind !== 'collection') byColumn[attr.columnName] = attr.name;
  }
  return {
    identity,
    tableName: identity,
    datastore: 'default',
    primaryKey: 'id',
    hasSchema: true,
    attributes: byName,
    attributeByColumn: byColumn,
    settings: {
      fetchRecordsOnCreate: false,
      fetchRecordsOnCreateEach: false,
      fetchRecordsOnUpdate: false,
      fetchRecordsOnDestroy: false,
      cascadeOnDestroy: false,
      dontUseObjectIds: false,
      archiveModelIdentity: 'archive',
    },
    definition: {},
    ...extra,
  };
}

export function ontologyOf(...models: readonly ModelOntology[]): Ontology {
  return Object.fromEntries(models.map((m) => [m.identity, m]));
}

/** A model with one attribute under test plus a numeric pk, for value-level tests. */
export function modelWith(attr: Attribute, extra: Partial<Omit<ModelOntology, 'attributes' | 'attributeByColumn'>> = {}): ModelOntology {
  return model('thing', [scalar('id', 'number', { autoMigrations: { columnType: '_numberkey', unique: true, autoIncrement: true } }), attr], extra);
}

/** user ↔ pet: a typical app, used by the create/update tests. */
export const pet = model('pet', [scalar('id', 'string'), scalar('name', 'string'), singular('owner', 'user', 'number')]);

export const user = model('user', [
  scalar('id', 'number'),
  scalar('email', 'string', { required: true, validations: { isEmail: true } }),
  scalar('age', 'number', { validations: { min: 0, max: 150 } }),
  scalar('nickname', 'string', { allowNull: true }),
  scalar('role', 'string', { defaultsTo: 'member', validations: { isIn: ['member', 'admin'] } }),
  scalar('prefs', 'json', { defaultsTo: { theme: 'dark', tags: ['a'] } }),
  scalar('active', 'boolean'),
  scalar('createdAt', 'number', { autoCreatedAt: true }),
  scalar('updatedAt', 'string', { autoUpdatedAt: true }),
  singular('bestFriend', 'user', 'number'),
  plural('pets', 'pet', { via: 'owner' }),
]);

export const ontology = ontologyOf(user, pet);

export const NOW = new Date('2024-05-06T07:08:09.010Z');
