import { describe, expect, it } from 'vitest';
import type { Integration } from '../integration.js';
import { describeIntegrationContract } from './describe-integration-contract.js';
import { exampleClock, exampleFixtures, exampleIntegration } from './example-integration.test-helpers.js';
import { recordingFramework } from './recording-framework.test-helpers.js';

// The contract suite as a third party runs it, against a working integration.
describeIntegrationContract(
  exampleIntegration,
  exampleFixtures,
  { describe, it, expect },
  { clock: exampleClock },
);

describe('describeIntegrationContract', () => {
  it('declares tests that all pass for a working integration', async () => {
    const framework = recordingFramework();
    describeIntegrationContract(exampleIntegration, exampleFixtures, framework, { clock: exampleClock });
    const outcomes = await framework.runAll();
    expect(outcomes.filter((outcome) => outcome.outcome !== 'passed')).toEqual([
      {
        name: 'acme-billing integration contract > fixture ping > each event filters into a FilterResult with empty parameters (skipped: the fixture carries no events)',
        outcome: 'skipped',
      },
    ]);
    expect(outcomes.length).toBe(4 + 3 * 6);
  });

  it('declares failing tests for an integration that accepts any signature', async () => {
    const framework = recordingFramework();
    const trusting: Integration = { ...exampleIntegration, verify: () => ({ ok: true }) };
    describeIntegrationContract(trusting, exampleFixtures, framework, { clock: exampleClock });
    const failed = (await framework.runAll()).filter((outcome) => outcome.outcome === 'failed');
    expect(failed.map((outcome) => outcome.name.split(' > ').slice(1).join(' > '))).toEqual(
      exampleFixtures.flatMap((fixture) => [
        `fixture ${fixture.name} > verify refuses it tampered with`,
        `fixture ${fixture.name} > verify refuses it with a wrong secret`,
      ]),
    );
    expect(failed[0]?.message).toContain('fixture \\"invoice paid\\" tampered with: verify accepted it');
  });

  it('declares failing tests for an integration whose parse throws on garbage', async () => {
    const framework = recordingFramework();
    const fragile: Integration = {
      ...exampleIntegration,
      parse: (request) => {
        const body = JSON.parse(new TextDecoder().decode(request.body)) as { type: string };
        return exampleIntegration.parse({ ...request, body: new TextEncoder().encode(JSON.stringify(body)) });
      },
    };
    describeIntegrationContract(fragile, exampleFixtures, framework, { clock: exampleClock });
    const failed = (await framework.runAll()).filter((outcome) => outcome.outcome === 'failed');
    expect(failed.map((outcome) => outcome.name.split(' > ').at(-1))).toEqual([
      'parse and verify return results for garbage bodies instead of throwing',
      'parse and verify return results for garbage bodies instead of throwing',
      'parse and verify return results for garbage bodies instead of throwing',
    ]);
    expect(failed[0]?.message).toContain('with an empty body: parse threw SyntaxError');
  });

  it('fails the fixture-list test when no fixtures are given', async () => {
    const framework = recordingFramework();
    describeIntegrationContract(exampleIntegration, [], framework);
    const failed = (await framework.runAll()).filter((outcome) => outcome.outcome === 'failed');
    expect(failed.map((outcome) => outcome.name)).toEqual([
      'acme-billing integration contract > fixtures are given, with unique names',
    ]);
  });

  it('reports the signature checks as skipped, with the reason, when tamper is false', async () => {
    const framework = recordingFramework();
    describeIntegrationContract(exampleIntegration, exampleFixtures.slice(0, 1), framework, {
      clock: exampleClock,
      tamper: false,
    });
    const skipped = (await framework.runAll()).filter((outcome) => outcome.outcome === 'skipped');
    expect(skipped.map((outcome) => outcome.name.split(' > ').at(-1))).toEqual([
      'verify refuses it tampered with (skipped: tamper is false, the integration does not sign requests)',
      'verify refuses it with a wrong secret (skipped: tamper is false, the integration does not sign requests)',
    ]);
  });
});
