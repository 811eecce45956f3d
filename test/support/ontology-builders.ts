/**
 * Builders for hand-made ontology pieces in unit tests: plain data, defaults as initialize
 * would set them, any field overridable.
 */
import type {
  Attribute,
  AttributeType,
  ModelOntology,
  Ontology,
  PluralAssociation,
  ScalarAttribute,
  SingularAssociation,
} from '../../src/schema/ontology.js';

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
