/** Hand-built ontology pieces for record tests: plain data, defaults as initialize would set them. */
import type { Attribute, ModelOntology } from '../../../src/schema/ontology.js';
import { model, ontologyOf, plural, scalar, singular } from '../../support/ontology-builders.js';

export { model, ontologyOf, plural, scalar, singular } from '../../support/ontology-builders.js';

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
