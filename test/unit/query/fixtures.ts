/**
 * Hand-built ontologies for stage-2 tests: plain data, no schema builder involved.
 * `user` has every kind of attribute; `note` is schemaless; `tag` has a string primary key.
 */
import type { Attribute, ModelOntology, ModelSettings, Ontology } from '../../../src/schema/ontology.js';
import { model, plural, scalar, singular } from '../../support/ontology-builders.js';

export const DEFAULT_SETTINGS: ModelSettings = {
  fetchRecordsOnCreate: false,
  fetchRecordsOnCreateEach: false,
  fetchRecordsOnUpdate: false,
  fetchRecordsOnDestroy: false,
  cascadeOnDestroy: false,
  dontUseObjectIds: false,
  archiveModelIdentity: false,
};

/** A test model with this pk; settings as above unless overridden. */
function modelOf(identity: string, primaryKey: string, attrs: readonly Attribute[], hasSchema = true): ModelOntology {
  return model(identity, attrs, { primaryKey, hasSchema, settings: DEFAULT_SETTINGS });
}

export const user = modelOf('user', 'id', [
  scalar('id', 'number'),
  scalar('name', 'string'),
  scalar('age', 'number'),
  scalar('active', 'boolean'),
  scalar('data', 'json'),
  singular('pet', 'pet', 'number'),
  plural('pets', 'pet', { via: 'owner' }),
  plural('tags', 'tag'),
]);

export const pet = modelOf('pet', 'id', [
  scalar('id', 'number'),
  scalar('name', 'string'),
  scalar('photo', 'ref'),
  singular('owner', 'user', 'number'),
  singular('tag', 'tag', 'string'),
]);

export const tag = modelOf('tag', 'label', [scalar('label', 'string'), scalar('color', 'string')]);

/** `schema: false`: undeclared names are allowed as filters and sort keys. */
export const note = modelOf('note', 'id', [scalar('id', 'number'), scalar('title', 'string')], false);

export const ontology: Ontology = { user, pet, tag, note };

/** A copy of `base` with some settings changed. */
export function withSettings(base: ModelOntology, settings: Partial<ModelSettings>): ModelOntology {
  return { ...base, settings: { ...base.settings, ...settings } };
}

export const MAX = Number.MAX_SAFE_INTEGER;

/** The criteria every clause defaults to; spread and override in expectations. */
export const DEFAULTS = { where: {}, limit: MAX, skip: 0, sort: [], select: ['*'], omit: [] } as const;
