/** One validation rule an attribute value broke. */
export interface RuleViolation {
  rule: string;
  message: string;
}

/** Why one attribute value was refused; collected per record before a UsageError is raised. */
export type AttributeProblem =
  | { code: 'E_TYPE'; attribute: string; expectedType: string; message: string }
  | { code: 'E_REQUIRED'; attribute: string; message: string }
  | { code: 'E_VIOLATES_RULES'; attribute: string; ruleViolations: RuleViolation[]; message: string }
  | { code: 'E_HIGHLY_IRREGULAR'; attribute: string; message: string };

/**
 * Thrown by `Model.validate()` (plain Error, as in Waterline) and used internally to carry one
 * attribute's problem. Queries wrap these into E_INVALID_NEW_RECORD / E_INVALID_VALUES_TO_SET.
 */
export class AttributeValidationError extends Error {
  readonly code: AttributeProblem['code'];
  readonly attribute: string;
  readonly expectedType?: string;
  readonly ruleViolations?: RuleViolation[];

  constructor(problem: AttributeProblem) {
    super(problem.message);
    this.code = problem.code;
    this.attribute = problem.attribute;
    if (problem.code === 'E_TYPE') this.expectedType = problem.expectedType;
    if (problem.code === 'E_VIOLATES_RULES') this.ruleViolations = problem.ruleViolations;
  }
}

/** A record as a whole was refused (not a dictionary, or the same object twice in createEach). */
export interface RecordShapeProblem {
  code: 'E_INVALID_RECORD';
  message: string;
}

/**
 * One problem found while normalizing new records or values to set. `index` is the record's
 * position in the array given to `createEach` (absent for create/update).
 */
export type RecordProblem = (AttributeProblem | RecordShapeProblem) & { index?: number };
