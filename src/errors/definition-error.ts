/** One thing wrong with a model definition. `attribute` is absent for model-level problems. */
export interface DefinitionProblem {
  model: string;
  attribute?: string;
  message: string;
}

/**
 * Raised by `initialize` when model definitions or datastore configuration are invalid.
 * Lists every problem found, each naming the model and attribute, so one run shows them all.
 */
export class DefinitionError extends Error {
  override readonly name = 'userError';
  readonly code = 'E_INVALID_MODEL_DEF';
  readonly problems: DefinitionProblem[];

  constructor(problems: DefinitionProblem[]) {
    super(
      `Invalid model definition${problems.length > 1 ? 's' : ''}:\n` +
        problems
          .map((p) => `  - Model \`${p.model}\`${p.attribute ? `, attribute \`${p.attribute}\`` : ''}: ${p.message}`)
          .join('\n'),
    );
    this.problems = problems;
  }
}

/** Configuration mistakes outside model definitions (adapters, datastores, options). */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
