import { isDeepStrictEqual } from 'node:util';
import type { TestFramework } from './test-framework.js';

export interface RecordedTest {
  readonly name: string;
  readonly skipped: boolean;
  readonly run: () => void | Promise<void>;
}

export interface TestOutcome {
  readonly name: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly message?: string;
}

/**
 * A test framework that only records what a suite declares, so a test can run the declared tests
 * itself and look at which ones fail.
 */
export function recordingFramework(): TestFramework & {
  readonly tests: RecordedTest[];
  runAll(): Promise<TestOutcome[]>;
} {
  const tests: RecordedTest[] = [];
  const path: string[] = [];
  const it = Object.assign(
    (name: string, run: () => void | Promise<void>) => {
      tests.push({ name: [...path, name].join(' > '), skipped: false, run });
    },
    {
      skip: (name: string, run: () => void | Promise<void>) => {
        tests.push({ name: [...path, name].join(' > '), skipped: true, run });
      },
    },
  );
  return {
    tests,
    describe(name, body) {
      path.push(name);
      body();
      path.pop();
    },
    it,
    expect(actual) {
      return {
        toEqual(expected) {
          if (!isDeepStrictEqual(actual, expected))
            throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
        },
      };
    },
    async runAll() {
      const outcomes: TestOutcome[] = [];
      for (const test of tests) {
        if (test.skipped) {
          outcomes.push({ name: test.name, outcome: 'skipped' });
          continue;
        }
        try {
          await test.run();
          outcomes.push({ name: test.name, outcome: 'passed' });
        } catch (error) {
          outcomes.push({ name: test.name, outcome: 'failed', message: (error as Error).message });
        }
      }
      return outcomes;
    },
  };
}
