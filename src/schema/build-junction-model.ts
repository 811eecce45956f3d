/** The private model backing a many-to-many or via-less plural association. */
import type { DefinitionProblem } from '../errors/definition-error.js';
import { buildScalarAttribute } from './build-scalar-attribute.js';
import type { DraftModel } from './draft-model.js';
import { junctionColumn, type JunctionNames, type JunctionSide } from './junction-naming.js';
import { normalizeSailsAttribute } from './normalize-sails-attribute.js';
import type { ModelSettings, ScalarAttribute, SingularAssociation } from './ontology.js';
import { isDictionary, type Dictionary } from './plain-data.js';
import { complainer } from './problems.js';

/** Waterline's junction primary key, before the app's pk defaults are merged in. */
const JUNCTION_ID: Readonly<Dictionary> = {
  type: 'number',
  columnName: 'id',
  required: false,
  autoMigrations: { columnType: 'integer', unique: true, autoIncrement: true },
};

const JUNCTION_SETTINGS: ModelSettings = {
  fetchRecordsOnCreate: false,
  fetchRecordsOnCreateEach: false,
  fetchRecordsOnUpdate: false,
  fetchRecordsOnDestroy: false,
  cascadeOnDestroy: false,
  dontUseObjectIds: false,
  // Junction rows are never archived.
  archiveModelIdentity: false,
};

export interface JunctionInput {
  readonly names: JunctionNames;
  /** The side whose model decides the datastore and wins the `meta` merge. */
  readonly leading: JunctionSide;
  readonly drafts: ReadonlyMap<string, DraftModel>;
  readonly pks: ReadonlyMap<string, ScalarAttribute>;
  /** `defaults.attributes[defaults.primaryKey ?? 'id']` from the app-wide settings. */
  readonly idDefaults: unknown;
  readonly problems: DefinitionProblem[];
}

export function buildJunctionModel(input: JunctionInput): DraftModel {
  const { names, leading, drafts } = input;
  const complain = complainer(input.problems, names.identity);
  const idDefinition = normalizeSailsAttribute('id', deepMerge(JUNCTION_ID, input.idDefaults), true);
  idDefinition.problems.forEach((message) => complain(message, 'id'));
  const id = isDictionary(idDefinition.attribute)
    ? buildScalarAttribute('id', idDefinition.attribute, (message) => complain(`(from the app-wide primary key defaults) ${message}`, 'id'))
    : undefined;

  const attributes: DraftModel['attributes'] = id ? { id } : {};
  for (const side of [names.first, names.second]) {
    const fk = foreignKey(side, input.pks);
    if (fk) attributes[fk.name] = fk;
  }

  const leadingModel = drafts.get(leading.identity);
  const otherIdentity = leading === names.first ? names.second.identity : names.first.identity;
  const meta = { ...drafts.get(otherIdentity)?.header.meta, ...leadingModel?.header.meta };
  return {
    header: {
      identity: names.identity,
      tableName: names.tableName,
      datastore: leadingModel?.header.datastore ?? 'default',
      primaryKey: 'id',
      hasSchema: true,
      // Migrated like the model that decides its datastore (Waterline used one strategy for all).
      settings: leadingModel?.header.settings.migrate ? { ...JUNCTION_SETTINGS, migrate: leadingModel.header.settings.migrate } : JUNCTION_SETTINGS,
      junctionTable: true,
      ...(Object.keys(meta).length > 0 ? { meta } : {}),
    },
    attributes,
    definition: { identity: names.identity, tableName: names.tableName, primaryKey: 'id', junctionTable: true },
  };
}

/** The column holding the pk of `side`'s own model, typed like that pk. */
function foreignKey(side: JunctionSide, pks: ReadonlyMap<string, ScalarAttribute>): SingularAssociation | undefined {
  const pk = pks.get(side.identity);
  if (!pk) return undefined;
  const name = junctionColumn(side);
  return {
    kind: 'model',
    name,
    model: side.identity,
    type: pk.type === 'string' ? 'string' : 'number',
    columnName: name,
    required: true,
    autoMigrations: { columnType: pk.autoMigrations.columnType, unique: false, autoIncrement: false },
    extras: {},
  };
}

function deepMerge(base: Readonly<Dictionary>, extra: unknown): Dictionary {
  const merged: Dictionary = { ...base };
  if (!isDictionary(extra)) return merged;
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = isDictionary(current) && isDictionary(value) ? deepMerge(current, value) : value;
  }
  return merged;
}
