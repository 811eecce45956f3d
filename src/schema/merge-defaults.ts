/**
 * App-wide model settings (Sails `config/models.js`, `initialize({defaults})`) merged into one
 * model definition the way sails-hook-orm does it.
 */
import { isDictionary, type Dictionary } from './plain-data.js';

export type ModelDefaults = Readonly<Dictionary>;

/**
 * Used when `initialize` is given no `defaults`: what a fresh Sails app declares in
 * `config/models.js`, so definitions that list only their own attributes work unchanged.
 * When the caller passes `defaults`, these are not used at all; a model that then names no
 * `primaryKey` falls back to `'id'` (as Sails does) and must declare that attribute itself.
 */
export const MOORING_DEFAULT_MODEL_SETTINGS: ModelDefaults = Object.freeze({
  primaryKey: 'id',
  attributes: Object.freeze({
    id: Object.freeze({ type: 'number', autoIncrement: true }),
    createdAt: Object.freeze({ type: 'number', autoCreatedAt: true }),
    updatedAt: Object.freeze({ type: 'number', autoUpdatedAt: true }),
  }),
});

/**
 * Settings merge shallowly (the model wins). `attributes` merge attribute by attribute (the
 * model's definition replaces the default's whole, it is not deep-merged); an attribute set
 * to `false` in the model removes the default one. Default attributes come first, so `id`
 * stays the first column.
 */
export function mergeDefaults(def: Readonly<Dictionary>, defaults: ModelDefaults): Dictionary {
  const merged: Dictionary = { ...defaults, ...def };
  const defaultAttributes = isDictionary(defaults['attributes']) ? defaults['attributes'] : {};
  const ownAttributes = def['attributes'];
  // Leave a malformed `attributes` for validation to report.
  if (ownAttributes !== undefined && !isDictionary(ownAttributes)) return merged;

  const attributes: Dictionary = { ...defaultAttributes, ...ownAttributes };
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) delete attributes[name];
  }
  merged['attributes'] = attributes;
  return merged;
}
