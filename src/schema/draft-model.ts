/** A model while the ontology is being built: validated alone, associations not yet resolved. */
import type { Attribute, ModelOntology } from './ontology.js';
import type { Dictionary } from './plain-data.js';

/** Everything about a model except its attributes. */
export type ModelHeader = Omit<ModelOntology, 'attributes' | 'attributeByColumn' | 'definition'>;

export interface DraftModel {
  header: ModelHeader;
  /** Built attributes; `model`/`collection` ones are provisional until resolved. */
  attributes: Record<string, Attribute>;
  /** The definition after defaults and shorthands. */
  readonly definition: Dictionary;
}

export type Drafts = Map<string, DraftModel>;
