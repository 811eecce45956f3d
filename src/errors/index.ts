export { UsageError, isUsageError, type UsageErrorCode } from './usage-error.js';
export { AdapterError, footprintError, type Footprint, type RawAdapterError } from './adapter-error.js';
export { DefinitionError, ConfigurationError, type DefinitionProblem } from './definition-error.js';
export { AttributeValidationError, type AttributeProblem, type RuleViolation, type RecordProblem, type RecordShapeProblem } from './attribute-error.js';
export { PropagationError } from './propagation-error.js';
