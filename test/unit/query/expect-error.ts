/** Assertions on the errors stage 2 throws. */
import { expect, vi, type MockInstance } from 'vitest';
import { UsageError, type UsageErrorCode } from '../../../src/errors/usage-error.js';

/** Runs `fn`, expecting a UsageError with `code` whose message mentions every fragment. */
export function expectUsageError(fn: () => unknown, code: UsageErrorCode, ...mentions: string[]): UsageError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a UsageError to be thrown').toBeInstanceOf(UsageError);
  const error = caught as UsageError;
  expect(error.code).toBe(code);
  for (const mention of mentions) expect(error.message).toContain(mention);
  return error;
}

/** Silences and records `console.warn` (deprecation warnings) for one test file. */
export function spyOnWarnings(): MockInstance<(...args: unknown[]) => void> {
  return vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}
