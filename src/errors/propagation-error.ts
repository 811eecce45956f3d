/**
 * Raised when an association write would have to null out a `required` foreign key: replacing
 * a one-to-many collection (or cascading a destroy) whose children cannot be orphaned.
 * Mooring runs these writes in one transaction, so when this is thrown nothing was changed.
 */
export class PropagationError extends Error {
  override readonly name = 'PropagationError';
  readonly code = 'E_COLLISIONS_WHEN_NULLING_OUT_REQUIRED_FK';
  /** The model whose children collided, and their required foreign-key attribute. */
  readonly modelIdentity: string;
  readonly attrName: string;

  constructor(message: string, details: { modelIdentity: string; attrName: string }, options?: { cause?: unknown }) {
    super(message, options);
    this.modelIdentity = details.modelIdentity;
    this.attrName = details.attrName;
  }
}
