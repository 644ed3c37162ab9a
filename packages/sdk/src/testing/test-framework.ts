/**
 * The part of a test framework the contract suite uses, typed by shape so the SDK depends on no
 * framework: vitest's, Jest's and node:test-with-an-expect all fit.
 *
 * @example
 * import { describe, expect, it } from 'vitest';
 * const framework: TestFramework = { describe, it, expect };
 */
export interface TestFramework {
  describe(name: string, body: () => void): unknown;
  it: TestFunction;
  expect(actual: unknown): { toEqual(expected: unknown): void };
}

/**
 * Declares one test; `skip`, when the framework has it, declares one that is reported as skipped.
 *
 * @example
 * import { it } from 'vitest';
 * const test: TestFunction = it;
 */
export interface TestFunction {
  (name: string, body: () => void | Promise<void>): unknown;
  readonly skip?: (name: string, body: () => void | Promise<void>) => unknown;
}
