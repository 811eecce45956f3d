/**
 * The two attribute views a live Waterline model exposes. `attributes` is the logical
 * definition; `schema` is the physical one that tools such as waterline-utils' auto-migrations
 * and Waterline-API adapters read (`columnName`, `autoMigrations`, foreign-key descriptors).
 */
import type { Attribute, ModelOntology, Ontology, PluralAssociation, ScalarAttribute, SingularAssociation } from './ontology.js';

export type AttributeView = Record<string, unknown>;
export type AttributesView = Record<string, AttributeView>;

/** Logical view: `required` always a boolean, no `columnName`, `autoMigrations` kept. */
export function attributesView(model: ModelOntology): AttributesView {
  const view: AttributesView = {};
  for (const attr of Object.values(model.attributes)) view[attr.name] = logical(attr);
  return view;
}

/** Physical view: every attribute with a column has `columnName`; associations become descriptors. */
export function schemaView(model: ModelOntology, ontology: Ontology): AttributesView {
  const view: AttributesView = {};
  for (const attr of Object.values(model.attributes)) {
    if (attr.kind === 'scalar') view[attr.name] = { ...logical(attr), columnName: attr.columnName };
    else if (attr.kind === 'model') view[attr.name] = foreignKeyDescriptor(attr, ontology);
    else view[attr.name] = pluralDescriptor(attr, ontology);
  }
  return view;
}

function logical(attr: Attribute): AttributeView {
  switch (attr.kind) {
    case 'scalar':
      return scalarView(attr);
    case 'model':
      return { model: attr.model, required: attr.required, autoMigrations: { ...attr.autoMigrations }, ...attr.extras };
    case 'collection':
      // A has-one is shown as declared; `schema` shows it as the virtual association it is.
      if (attr.hasOne) return { model: attr.collection, via: attr.via, required: false, ...attr.extras };
      return virtualView(attr);
  }
}

function virtualView(attr: PluralAssociation): AttributeView {
  return {
    collection: attr.collection,
    ...(attr.via !== undefined ? { via: attr.via } : {}),
    ...(attr.through !== undefined ? { through: attr.through } : {}),
    ...(attr.dominant !== undefined ? { dominant: attr.dominant } : {}),
    required: false,
    ...(attr.hasOne ? { hasOne: true } : {}),
    ...attr.extras,
  };
}

function scalarView(attr: ScalarAttribute): AttributeView {
  return {
    type: attr.type,
    required: attr.required,
    ...(attr.hasDefault ? { defaultsTo: attr.defaultsTo } : {}),
    ...(attr.allowNull ? { allowNull: true } : {}),
    ...(attr.autoCreatedAt ? { autoCreatedAt: true } : {}),
    ...(attr.autoUpdatedAt ? { autoUpdatedAt: true } : {}),
    ...(Object.keys(attr.validations).length > 0 ? { validations: { ...attr.validations } } : {}),
    ...(attr.encrypt ? { encrypt: true } : {}),
    autoMigrations: { ...attr.autoMigrations },
    ...attr.extras,
  };
}

function foreignKeyDescriptor(attr: SingularAssociation, ontology: Ontology): AttributeView {
  const target = ontology[attr.model];
  return {
    model: attr.model,
    columnName: attr.columnName,
    type: attr.type,
    required: attr.required,
    foreignKey: true,
    references: target?.tableName ?? attr.model,
    referenceIdentity: attr.model,
    on: target ? columnOf(target, target.primaryKey) : undefined,
    onKey: target?.primaryKey,
    autoMigrations: { ...attr.autoMigrations },
    ...attr.extras,
  };
}

/**
 * Junction- and through-backed plurals reference that model (`on`: the column holding this
 * model's pk); one-to-many ones reference the child and its fk column. `on` is a column name,
 * `onKey` the matching attribute name.
 */
function pluralDescriptor(attr: PluralAssociation, ontology: Ontology): AttributeView {
  const base = virtualView(attr);
  const link = attr.junction;
  if (link) {
    const junction = ontology[link.model];
    const references = junction?.tableName;
    const on = columnOf(junction, link.parentAttribute);
    return { ...base, collection: link.model, references, referenceIdentity: link.model, on, onKey: link.parentAttribute };
  }
  const target = ontology[attr.collection];
  const on = attr.via !== undefined ? columnOf(target, attr.via) : undefined;
  return { ...base, references: target?.tableName, referenceIdentity: attr.collection, on, onKey: attr.via };
}

function columnOf(model: ModelOntology | undefined, attributeName: string): string | undefined {
  const attr = model?.attributes[attributeName];
  return attr && attr.kind !== 'collection' ? attr.columnName : undefined;
}
