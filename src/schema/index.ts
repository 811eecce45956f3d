/** The schema layer's public surface: definitions in, ontology (and its views) out. */
export { buildOntology, type BuildOntologyOptions, type ModelDefinitionEntry } from './build-ontology.js';
export { mergeDefaults, MOORING_DEFAULT_MODEL_SETTINGS, type ModelDefaults } from './merge-defaults.js';
export { normalizeSailsDefinition, type NormalizedDefinition } from './normalize-sails-definition.js';
export { attributesView, schemaView, type AttributesView } from './waterline-views.js';
export { tableDefinitionOf } from './table-definition.js';
export { loadModelsFolder } from './load-models-folder.js';
export * from './ontology.js';
