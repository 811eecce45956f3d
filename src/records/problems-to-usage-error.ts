/**
 * Turns the problems found in new records or values to set into the UsageError a query
 * raises: `details` lists every failing attribute and rule, and the problems stay attached
 * as data for callers that want to react per attribute.
 */
import type { RecordProblem } from '../errors/attribute-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { ModelOntology } from '../schema/ontology.js';

export type RecordUsageErrorCode = 'E_INVALID_NEW_RECORD' | 'E_INVALID_NEW_RECORDS' | 'E_INVALID_VALUES_TO_SET';

const SUBJECT: Readonly<Record<RecordUsageErrorCode, (identity: string) => string>> = {
  E_INVALID_NEW_RECORD: (identity) => `Could not create a new \`${identity}\` record`,
  E_INVALID_NEW_RECORDS: (identity) => `Could not create new \`${identity}\` records`,
  E_INVALID_VALUES_TO_SET: (identity) => `Could not update \`${identity}\` records with the given values`,
};

function describeProblem(problem: RecordProblem): string {
  const where = problem.index === undefined ? '' : `Record #${problem.index}: `;
  if (problem.code !== 'E_VIOLATES_RULES') return `  • ${where}${problem.message}`;
  // One line per broken rule reads better than the single-line summary in `message`.
  const count = problem.ruleViolations.length;
  const rules = problem.ruleViolations.map((v) => `\n      - \`${v.rule}\`: ${v.message}`).join('');
  return `  • ${where}Could not use specified \`${problem.attribute}\`: Violated ${count} validation rule${count === 1 ? '' : 's'}:${rules}`;
}

/** The UsageError for `problems` (at least one) found while normalizing writes to `model`. */
export function problemsToUsageError(
  code: RecordUsageErrorCode,
  model: ModelOntology,
  problems: readonly RecordProblem[],
): UsageError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const details = `${SUBJECT[code](model.identity)} (${count}):\n${problems.map(describeProblem).join('\n')}`;
  const error = new UsageError(code, details, model.identity);
  error.problems = [...problems];
  return error;
}
