/**
 * Model definitions → the ontology, once at initialize. Every problem in every model is
 * collected and thrown together as one DefinitionError, so one run shows them all.
 * Callers merge app-wide defaults first (`mergeDefaults`); Sails shorthands are applied here.
 */
import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';
import { addArchiveModels } from './archive-model.js';
import { buildDraftModel, type DraftContext } from './build-draft-model.js';
import type { DraftModel, Drafts } from './draft-model.js';
import { MOORING_DEFAULT_MODEL_SETTINGS, type ModelDefaults } from './merge-defaults.js';
import { resolveModelNames } from './model-identity.js';
import type { ModelOntology, Ontology, ScalarAttribute } from './ontology.js';
import { isDictionary } from './plain-data.js';
import { complainer } from './problems.js';
import { resolveAssociations } from './resolve-associations.js';
import { validateEncryption } from './validate-encryption.js';
import { mapColumns } from './validate-columns.js';

export interface ModelDefinitionEntry {
  /** The name the model was registered under (Sails: the file name); lower-cased. */
  readonly identity?: string;
  readonly def: Readonly<Record<string, unknown>>;
  /** Where the definition came from (a file path), for error messages. */
  readonly source?: string;
}

export interface BuildOntologyOptions {
  readonly datastoreNames: readonly string[];
  /**
   * The app-wide settings the definitions were merged with; only their primary key attribute
   * is read here, for junction models' `id` (as Waterline does). MOORING_DEFAULT_MODEL_SETTINGS
   * if absent.
   */
  readonly defaults?: ModelDefaults;
  /** Receives deprecation notices (old type or rule names, ignored rules); default `console.warn`. */
  readonly warn?: (message: string) => void;
}

/**
 * `definitions` already carry the app-wide defaults (see `mergeDefaults`; merging twice would
 * bring back attributes a model removed with `false`). Returns models in registration order,
 * then the injected `archive` model, then junction models.
 */
export function buildOntology(definitions: readonly ModelDefinitionEntry[], options: BuildOntologyOptions): Ontology {
  const problems: DefinitionProblem[] = [];
  const context: DraftContext = { datastoreNames: options.datastoreNames, problems, warn: options.warn ?? console.warn };
  const defaults = options.defaults ?? MOORING_DEFAULT_MODEL_SETTINGS;
  const drafts: Drafts = new Map();
  const pks = new Map<string, ScalarAttribute>();

  definitions.forEach((entry, index) => {
    const label = entry.identity ?? entry.source ?? `model #${index + 1}`;
    if (!isDictionary(entry.def)) {
      problems.push({ model: label, message: 'a model definition must be a dictionary (`{attributes: {…}, …}`).' });
      return;
    }
    const names = resolveModelNames(entry.identity, entry.def, label, problems);
    if (!names) return;
    if (drafts.has(names.identity)) {
      const where = entry.source ? ` (${entry.source})` : '';
      problems.push({ model: names.identity, message: `is defined more than once${where}; identities must be unique.` });
      return;
    }
    const built = buildDraftModel(names, entry.def, context);
    drafts.set(names.identity, built.draft);
    if (built.pk) pks.set(names.identity, built.pk);
  });

  addArchiveModels(drafts, pks, context);
  const junctions = resolveAssociations({ drafts, pks, idDefaults: junctionIdDefaults(defaults), problems });
  validateEncryption(drafts.values(), problems);

  const ontology: Record<string, ModelOntology> = {};
  for (const draft of [...drafts.values(), ...junctions]) {
    ontology[draft.header.identity] = finish(draft, problems);
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return ontology;
}

function finish(draft: DraftModel, problems: DefinitionProblem[]): ModelOntology {
  const attributeByColumn = mapColumns(draft.attributes, complainer(problems, draft.header.identity));
  return { ...draft.header, attributes: draft.attributes, attributeByColumn, definition: draft.definition };
}

/** Waterline merges the app's primary key attribute into every junction's `id`. */
function junctionIdDefaults(defaults: ModelDefaults): unknown {
  const attributes = defaults['attributes'];
  const pk = typeof defaults['primaryKey'] === 'string' ? defaults['primaryKey'] : 'id';
  return isDictionary(attributes) ? attributes[pk] : undefined;
}
