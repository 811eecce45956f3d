/** Test helpers: build an ontology from `{identity: definition}` the way initialize does. */
import { expect } from 'vitest';
import { DefinitionError, type DefinitionProblem } from '../../../src/errors/definition-error.js';
import { buildOntology } from '../../../src/schema/build-ontology.js';
import { mergeDefaults, MOORING_DEFAULT_MODEL_SETTINGS, type ModelDefaults } from '../../../src/schema/merge-defaults.js';
import type { Ontology } from '../../../src/schema/ontology.js';

export type Defs = Record<string, Record<string, unknown>>;

export interface BuildOptions {
  defaults?: ModelDefaults;
  datastoreNames?: string[];
  warnings?: string[];
}

export function build(models: Defs, options: BuildOptions = {}): Ontology {
  const defaults = options.defaults ?? MOORING_DEFAULT_MODEL_SETTINGS;
  const entries = Object.entries(models).map(([identity, def]) => ({ identity, def: mergeDefaults(def, defaults) }));
  return buildOntology(entries, {
    datastoreNames: options.datastoreNames ?? ['default'],
    defaults,
    warn: (message) => options.warnings?.push(message),
  });
}

/** The problems `build` throws; fails the test when it does not throw a DefinitionError. */
export function problemsOf(models: Defs, options: BuildOptions = {}): DefinitionProblem[] {
  try {
    build(models, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).problems;
  }
  throw new Error('expected a DefinitionError');
}

/** Asserts exactly one problem naming `model` (and `attribute`) whose message matches `pattern`. */
export function expectProblem(models: Defs, model: string, attribute: string | undefined, pattern: RegExp, options?: BuildOptions): void {
  const problems = problemsOf(models, options);
  const matching = problems.filter((p) => p.model === model && p.attribute === attribute && pattern.test(p.message));
  expect(matching, JSON.stringify(problems, null, 2)).toHaveLength(1);
}

/** Two models per the seed's first one-to-one pattern. */
export const SEED_UNIQUE_FK: Defs = {
  pet: { attributes: { name: { type: 'string' }, color: { type: 'string' }, owner: { model: 'user', unique: true } } },
  user: { attributes: { name: { type: 'string' }, age: { type: 'number' }, pet: { collection: 'pet', via: 'owner' } } },
};

/** The seed's second pattern: two independent one-way singulars. */
export const SEED_MANUAL_SYNC: Defs = {
  pet: { attributes: { name: { type: 'string' }, color: { type: 'string' }, owner: { model: 'user' } } },
  user: { attributes: { name: { type: 'string' }, age: { type: 'number' }, pet: { model: 'pet' } } },
};
