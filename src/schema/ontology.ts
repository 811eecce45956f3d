/**
 * The ontology: every model's normalised definition, built once at initialize and read by
 * every later stage. Plain readonly data; nothing here talks to a database.
 */

export type AttributeType = 'string' | 'number' | 'boolean' | 'json' | 'ref';

/** DDL hints for auto-migrations (Waterline's `autoMigrations`). */
export interface AutoMigrations {
  readonly columnType: string;
  readonly unique: boolean;
  readonly autoIncrement: boolean;
}

interface AttributeBase {
  readonly name: string;
  /** Waterline properties that Mooring does not interpret (description, example, meta, …). */
  readonly extras: Readonly<Record<string, unknown>>;
}

/** A stored value: string, number, boolean, json or ref. */
export interface ScalarAttribute extends AttributeBase {
  readonly kind: 'scalar';
  readonly type: AttributeType;
  readonly columnName: string;
  readonly required: boolean;
  readonly allowNull: boolean;
  /** Present only when the definition declares `defaultsTo`. */
  readonly hasDefault: boolean;
  readonly defaultsTo?: unknown;
  readonly autoCreatedAt: boolean;
  readonly autoUpdatedAt: boolean;
  readonly autoMigrations: AutoMigrations;
  /** Validation rules in declaration order (rule name → config). */
  readonly validations: Readonly<Record<string, unknown>>;
  readonly encrypt: boolean;
}

/** `{ model: 'pet' }`: stores the target's primary key in its own column. */
export interface SingularAssociation extends AttributeBase {
  readonly kind: 'model';
  /** Target model identity (lower-cased). */
  readonly model: string;
  /** Type of the target's primary key. */
  readonly type: 'string' | 'number';
  readonly columnName: string;
  readonly required: boolean;
  readonly autoMigrations: AutoMigrations;
}

/** `{ collection: 'pet', via?: 'owner' }`: virtual, no column on this model. */
export interface PluralAssociation extends AttributeBase {
  readonly kind: 'collection';
  /** Target model identity (lower-cased). */
  readonly collection: string;
  /** For one-to-many: the singular attribute on the target that points back here. */
  readonly via?: string;
  readonly through?: string;
  readonly dominant?: boolean;
  /**
   * For many-to-many, via-less and through associations: the model holding one row per
   * (parent, child) pair. Absent for one-to-many (the child's fk column is the link).
   */
  readonly junction?: JunctionLink;
  /**
   * Mooring's real has-one: declared as `{ model: 'pet', via: 'owner' }` where `pet.owner` is a
   * unique `model` attribute pointing back. Stored like a one-to-many (the fk lives on the
   * target, no column here) but read and written as ONE record or `null`, never an array.
   */
  readonly hasOne?: boolean;
}

/** How a plural association reaches its children through a junction or through model. */
export interface JunctionLink {
  /** Identity of the generated junction model or the user's through model. */
  readonly model: string;
  /** Attribute of the junction model holding this model's primary key. */
  readonly parentAttribute: string;
  /** Attribute of the junction model holding the target's primary key. */
  readonly childAttribute: string;
}

export type Attribute = ScalarAttribute | SingularAssociation | PluralAssociation;

/** A model attribute that owns a physical column. */
export type ColumnAttribute = ScalarAttribute | SingularAssociation;

export interface ModelSettings {
  readonly migrate?: 'safe' | 'alter' | 'drop';
  readonly fetchRecordsOnCreate: boolean;
  readonly fetchRecordsOnCreateEach: boolean;
  readonly fetchRecordsOnUpdate: boolean;
  readonly fetchRecordsOnDestroy: boolean;
  readonly cascadeOnDestroy: boolean;
  readonly dontUseObjectIds: boolean;
  readonly archiveModelIdentity: string | false;
}

export interface ModelOntology {
  readonly identity: string;
  readonly tableName: string;
  readonly datastore: string;
  readonly primaryKey: string;
  /** `schema: true` — only declared attributes are stored and queried. */
  readonly hasSchema: boolean;
  /** Every attribute, keyed by attribute name, in declaration order. */
  readonly attributes: Readonly<Record<string, Attribute>>;
  /** Column name → attribute name, for every column attribute. */
  readonly attributeByColumn: Readonly<Record<string, string>>;
  readonly settings: ModelSettings;
  /** `customToJSON` from the definition, if any. */
  readonly customToJSON?: (this: Record<string, unknown>) => unknown;
  /** The definition as given (after Sails shorthands), for custom methods and lifecycle hooks. */
  readonly definition: Readonly<Record<string, unknown>>;
  /** True for generated junction models. */
  readonly junctionTable?: boolean;
  /** Through models: `"<identity>.<attribute>"` of each plural using it → the through attribute holding that plural's target pk. */
  readonly throughTable?: Readonly<Record<string, string>>;
  /** Advisory global name (Sails: the file name). */
  readonly globalId?: string;
  /** Model-level `meta`, passed to adapters. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** `dataEncryptionKeys` (key id → base64 key), present when declared. */
  readonly dataEncryptionKeys?: Readonly<Record<string, string>>;
}

export type Ontology = Readonly<Record<string, ModelOntology>>;

export function isColumnAttribute(attr: Attribute): attr is ColumnAttribute {
  return attr.kind !== 'collection';
}

/** The primary key attribute of a model (always a scalar string or number). */
export function primaryKeyOf(model: ModelOntology): ScalarAttribute {
  const pk = model.attributes[model.primaryKey];
  if (!pk || pk.kind !== 'scalar') {
    throw new Error(`Consistency violation: model \`${model.identity}\` has no scalar primary key.`);
  }
  return pk;
}
