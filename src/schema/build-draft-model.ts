/** One model definition (defaults already merged) → a draft: shorthands, settings, attributes, pk. */
import type { DefinitionProblem } from '../errors/definition-error.js';
import { buildAttribute } from './build-attribute.js';
import type { DraftModel } from './draft-model.js';
import type { ModelNames } from './model-identity.js';
import { readModelHeader } from './model-settings.js';
import { normalizeSailsDefinition } from './normalize-sails-definition.js';
import type { Attribute, ScalarAttribute } from './ontology.js';
import { hasOwn, isDictionary, type Dictionary } from './plain-data.js';
import { complainer } from './problems.js';
import { validatePrimaryKey } from './validate-primary-key.js';

export interface DraftContext {
  readonly datastoreNames: readonly string[];
  readonly problems: DefinitionProblem[];
  readonly warn: (message: string) => void;
}

export interface BuiltDraft {
  readonly draft: DraftModel;
  /** Undefined when the primary key is missing or invalid (already reported). */
  readonly pk: ScalarAttribute | undefined;
}

export function buildDraftModel(names: ModelNames, merged: Readonly<Dictionary>, context: DraftContext): BuiltDraft {
  const complain = complainer(context.problems, names.identity);
  const { definition, problems, warnings, unusable } = normalizeSailsDefinition(merged);
  for (const problem of problems) complain(problem.message, problem.attribute);
  for (const warning of warnings) context.warn(`Model \`${names.identity}\`, attribute \`${warning.attribute}\`: ${warning.message}`);

  const header = readModelHeader(definition, { names, datastoreNames: context.datastoreNames, complain });
  const rawAttributes = definition['attributes'];
  if (!isDictionary(rawAttributes)) complain('`attributes` must be a dictionary of attribute name → definition.');
  const declared: Dictionary = isDictionary(rawAttributes) ? rawAttributes : {};

  const attributes: Record<string, Attribute> = {};
  for (const [name, raw] of Object.entries(declared)) {
    if (unusable.includes(name)) continue;
    const attribute = buildAttribute(name, raw, (message) => complain(message, name));
    if (attribute !== undefined) attributes[name] = attribute;
  }

  const draft: DraftModel = { header, attributes, definition };
  const pk = validatePrimaryKey(draft, complain, hasOwn(declared, header.primaryKey));
  return { draft, pk };
}
