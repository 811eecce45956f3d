import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors/usage-error.js';
import { normalizeNewRecord, normalizeNewRecords } from '../../../src/records/new-record.js';
import { problemsToUsageError } from '../../../src/records/problems-to-usage-error.js';
import { normalizeValuesToSet } from '../../../src/records/values-to-set.js';
import { NOW, ontology, user } from './fixtures.js';

function problemsFrom(result: object) {
  if (!('problems' in result)) throw new Error('expected problems');
  return result.problems as Parameters<typeof problemsToUsageError>[2];
}

describe('problemsToUsageError', () => {
  it('lists every failing attribute and rule, naming the model', () => {
    const problems = problemsFrom(normalizeNewRecord(user, ontology, { age: 200, active: 'maybe', role: 'boss' }, NOW));
    const error = problemsToUsageError('E_INVALID_NEW_RECORD', user, problems);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ name: 'UsageError', code: 'E_INVALID_NEW_RECORD', modelIdentity: 'user' });
    expect(error.details).toBe(
      [
        'Could not create a new `user` record (4 problems):',
        '  • Could not use specified `age`: Violated 1 validation rule:',
        '      - `max`: Value (200) was greater than the configured maximum (150)',
        '  • Could not use specified `active`: Expected a boolean, but instead, got: "maybe"',
        '  • Could not use specified `role`: Violated 1 validation rule:',
        '      - `isIn`: Value ("boss") was not in the configured whitelist ("member", "admin")',
        '  • Missing value for required attribute `email`. Expected a string, but instead, got: undefined',
      ].join('\n'),
    );
    expect(error.message).toBe(`Invalid new record.\nDetails:\n  ${error.details}`);
    expect(error.problems).toEqual(problems);
    expect(error.problems).not.toBe(problems);
  });

  it('prefixes createEach problems with the record index', () => {
    const problems = problemsFrom(normalizeNewRecords(user, ontology, [{ email: 'a@b.co' }, {}, { email: 'x@y.co', age: -1 }], NOW));
    const error = problemsToUsageError('E_INVALID_NEW_RECORDS', user, problems);
    expect(error.details).toMatch(/^Could not create new `user` records \(2 problems\):/);
    expect(error.details).toContain('  • Record #1: Missing value for required attribute `email`.');
    expect(error.details).toContain('  • Record #2: Could not use specified `age`: Violated 1 validation rule:\n      - `min`:');
    expect(error.problems?.map((p) => p.index)).toEqual([1, 2]);
  });

  it('wraps values-to-set problems', () => {
    const problems = problemsFrom(normalizeValuesToSet(user, ontology, { email: '' }, NOW));
    const error = problemsToUsageError('E_INVALID_VALUES_TO_SET', user, problems);
    expect(error.code).toBe('E_INVALID_VALUES_TO_SET');
    expect(error.details).toBe(
      'Could not update `user` records with the given values (1 problem):\n  • Could not use specified `email`: Cannot use an empty string for a required attribute.',
    );
  });
});
