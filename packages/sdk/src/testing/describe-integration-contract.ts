import type { Integration } from '../integration.js';
import type { ContractFixture, ContractOptions } from './contract-fixture.js';
import {
  checkEventDeclarations,
  checkIntegrationIdentity,
  checkParameterDeclarations,
} from './declaration-checks.js';
import {
  checkFixtureFilters,
  checkFixtureList,
  checkFixtureParses,
  checkFixtureVerifies,
  checkGarbageBodies,
  checkTamperedFixtureFails,
  checkWrongSecretFails,
} from './fixture-checks.js';
import type { TestFramework } from './test-framework.js';

const UNSIGNED = 'skipped: tamper is false, the integration does not sign requests';

/**
 * Declares the integration contract as tests in the given framework: the declaration is valid, and
 * every fixture verifies, parses into its expected events, filters, is refused once tampered with
 * or checked with a wrong secret, and survives garbage bodies. Each test expects an empty problem
 * list, so a failure prints every problem found.
 *
 * @example
 * import { describe, expect, it } from 'vitest';
 * import { describeIntegrationContract, rawRequest } from '@tripline/sdk/testing';
 *
 * describeIntegrationContract(github, fixtures, { describe, it, expect });
 */
export function describeIntegrationContract(
  integration: Integration,
  fixtures: readonly ContractFixture[],
  framework: TestFramework,
  options: ContractOptions = {},
): void {
  const { describe, it, expect } = framework;
  const skip = (name: string, reason: string) => {
    if (it.skip) it.skip(`${name} (${reason})`, () => {});
  };
  describe(`${integration.id} integration contract`, () => {
    it('declaration has a valid id, name, description and icon', () => {
      expect(checkIntegrationIdentity(integration)).toEqual([]);
    });
    it('events have valid unique names, labels, descriptions and object output schemas', () => {
      expect(checkEventDeclarations(integration)).toEqual([]);
    });
    it('parameters have unique names, options where needed and defaults that fit', () => {
      expect(checkParameterDeclarations(integration)).toEqual([]);
    });
    it('fixtures are given, with unique names', () => {
      expect(checkFixtureList(fixtures)).toEqual([]);
    });
    for (const fixture of fixtures) {
      describe(`fixture ${fixture.name}`, () => {
        it('verify accepts it with its properties', () => {
          expect(checkFixtureVerifies(integration, fixture, options)).toEqual([]);
        });
        it('parse reads exactly the expected events', () => {
          expect(checkFixtureParses(integration, fixture)).toEqual([]);
        });
        if (tamperEnabled(fixture, options)) {
          it('verify refuses it tampered with', () => {
            expect(checkTamperedFixtureFails(integration, fixture, options)).toEqual([]);
          });
          it('verify refuses it with a wrong secret', () => {
            expect(checkWrongSecretFails(integration, fixture, options)).toEqual([]);
          });
        } else {
          skip('verify refuses it tampered with', UNSIGNED);
          skip('verify refuses it with a wrong secret', UNSIGNED);
        }
        if (fixture.expectedEvents.length > 0) {
          it('each event filters into a FilterResult with empty parameters', () => {
            expect(checkFixtureFilters(integration, fixture)).toEqual([]);
          });
        } else {
          skip(
            'each event filters into a FilterResult with empty parameters',
            'skipped: the fixture carries no events',
          );
        }
        it('parse and verify return results for garbage bodies instead of throwing', () => {
          expect(checkGarbageBodies(integration, fixture, options)).toEqual([]);
        });
      });
    }
  });
}

function tamperEnabled(fixture: ContractFixture, options: ContractOptions): boolean {
  return (fixture.tamper ?? options.tamper) !== false;
}
