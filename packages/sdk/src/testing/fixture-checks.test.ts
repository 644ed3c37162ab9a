import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import type { EventDefinition, FilterInput, FilterResult } from '../events.js';
import type { Integration } from '../integration.js';
import type { ContractFixture } from './contract-fixture.js';
import { exampleClock, exampleFixtures, exampleIntegration } from './example-integration.test-helpers.js';
import {
  checkFixtureFilters,
  checkFixtureList,
  checkFixtureParses,
  checkFixtureVerifies,
  checkGarbageBodies,
  checkTamperedFixtureFails,
  checkWrongSecretFails,
} from './fixture-checks.js';

const options = { clock: exampleClock };
const paid = exampleFixtures[0]!;

describe('fixture checks on a working integration', () => {
  it.each(exampleFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'find nothing wrong with %s',
    (_, fixture) => {
      expect([
        ...checkFixtureVerifies(exampleIntegration, fixture, options),
        ...checkFixtureParses(exampleIntegration, fixture),
        ...(checkTamperedFixtureFails(exampleIntegration, fixture, options) ?? ['tamper skipped']),
        ...(checkWrongSecretFails(exampleIntegration, fixture, options) ?? ['wrong secret skipped']),
        ...checkFixtureFilters(exampleIntegration, fixture),
        ...checkGarbageBodies(exampleIntegration, fixture, options),
      ]).toEqual([]);
    },
  );
});

describe('checkFixtureList', () => {
  it('refuses an empty list and repeated names', () => {
    expect(checkFixtureList([])).toEqual([
      'fixtures: none given; the contract needs at least one real request',
    ]);
    expect(checkFixtureList([paid, paid])).toEqual(['fixtures[1]: name "invoice paid" is used twice']);
  });
});

describe('checkFixtureVerifies', () => {
  it('reports the reason verify gave', () => {
    const late = { clock: fixedClock(exampleClock.now() + 3_600_000) };
    expect(checkFixtureVerifies(exampleIntegration, paid, late)).toEqual([
      'fixture "invoice paid": verify refused it: webhook-timestamp is 3600 s old, outside the tolerance of 300 s',
    ]);
  });

  it('reports a verify that throws or returns a malformed result', () => {
    const throwing: Integration = {
      ...exampleIntegration,
      verify: () => {
        throw new RangeError('boom');
      },
    };
    const vague: Integration = { ...exampleIntegration, verify: () => ({ ok: false, reason: '' }) };
    expect(checkFixtureVerifies(throwing, paid, options)).toEqual([
      'fixture "invoice paid": verify threw RangeError: boom',
    ]);
    expect(checkFixtureVerifies(vague, paid, options)).toEqual([
      'fixture "invoice paid": verify refused without a reason',
    ]);
  });
});

describe('checkFixtureParses', () => {
  it('reports events other than the expected ones', () => {
    const fixture: ContractFixture = { ...paid, expectedEvents: [{ name: 'invoice', action: 'voided' }] };
    expect(checkFixtureParses(exampleIntegration, fixture)).toEqual([
      'fixture "invoice paid": parsed into [{"name":"invoice","action":"paid"}], expected [{"name":"invoice","action":"voided"}]',
    ]);
  });

  it('reports undeclared events and bad response statuses', () => {
    const sloppy: Integration = {
      ...exampleIntegration,
      parse: () => ({ ok: true, events: [{ name: 'refund', payload: {} }], response: { status: 42 } }),
    };
    expect(checkFixtureParses(sloppy, paid)).toEqual([
      'fixture "invoice paid": parse events[0]: name "refund" is not a declared event; response.status 42 is not an HTTP status',
    ]);
  });
});

describe('checkTamperedFixtureFails', () => {
  it('reports a verify that accepts a flipped body byte', () => {
    const trusting: Integration = { ...exampleIntegration, verify: () => ({ ok: true }) };
    expect(checkTamperedFixtureFails(trusting, paid, options)).toEqual([
      'fixture "invoice paid" tampered with: verify accepted it',
    ]);
  });

  it('uses a custom tamper function and skips when tamper is false', () => {
    const headerOnly: Integration = {
      ...exampleIntegration,
      verify: ({ request }) => (request.headers['x-forged'] ? { ok: false, reason: 'forged' } : { ok: true }),
    };
    const forge = (request: ContractFixture['request']) => ({
      ...request,
      headers: { ...request.headers, 'x-forged': '1' },
    });
    expect(checkTamperedFixtureFails(headerOnly, paid, { ...options, tamper: forge })).toEqual([]);
    expect(checkTamperedFixtureFails(headerOnly, paid, { ...options, tamper: false })).toBeUndefined();
    expect(checkTamperedFixtureFails(headerOnly, { ...paid, tamper: false }, options)).toBeUndefined();
  });
});

describe('checkWrongSecretFails', () => {
  it('reports a verify that ignores the secret', () => {
    const keyless: Integration = {
      ...exampleIntegration,
      verify: ({ request }) => (request.body.length > 0 ? { ok: true } : { ok: false, reason: 'empty' }),
    };
    expect(checkWrongSecretFails(keyless, paid, options)).toEqual([
      'fixture "invoice paid" with a wrong signing_secret: verify accepted it',
    ]);
  });

  it('asks for a secret property when none is declared or given', () => {
    const undeclared: Integration = {
      ...exampleIntegration,
      subscription: { ...exampleIntegration.subscription, properties: [] },
    };
    expect(checkWrongSecretFails(undeclared, paid, options)?.[0]).toMatch(
      /has no secret property to change \(looked for: none declared\)/,
    );
    expect(
      checkWrongSecretFails(undeclared, paid, { ...options, secretProperties: ['signing_secret'] }),
    ).toEqual([]);
  });
});

describe('checkFixtureFilters', () => {
  it('reports a filter that throws or returns something else', () => {
    const throwing = withInvoiceFilter(() => {
      throw new Error('no parameters');
    });
    expect(checkFixtureFilters(throwing, paid)).toEqual([
      'fixture "invoice paid": events[0] (invoice) filter threw Error: no parameters',
    ]);
    expect(
      checkFixtureFilters(
        withInvoiceFilter(() => ({ matched: true }) as never),
        paid,
      ),
    ).toEqual(['fixture "invoice paid": events[0] (invoice) filter matched without a variables object']);
  });
});

describe('checkGarbageBodies', () => {
  it('reports a parse that throws and one that returns a wrong status', () => {
    const throwing: Integration = {
      ...exampleIntegration,
      parse: (request) => {
        JSON.parse(new TextDecoder().decode(request.body));
        return { ok: true, events: [], response: { status: 200 } };
      },
    };
    const problems = checkGarbageBodies(throwing, paid, options);
    expect(problems.map((problem) => problem.replace(/: parse threw SyntaxError: .*$/, ''))).toEqual(
      [
        'an empty body',
        '16 random bytes',
        '1024 random bytes',
        'invalid UTF-8',
        'unterminated JSON',
        'a form-encoded body',
        'the fixture body cut in half',
      ].map((label) => `fixture "invoice paid" with ${label}`),
    );

    const teapot: Integration = {
      ...exampleIntegration,
      parse: () => ({ ok: false, status: 418 as 400, reason: 'no' }),
    };
    expect(checkGarbageBodies(teapot, paid, options)[0]).toBe(
      'fixture "invoice paid" with an empty body: parse ok: false with status 418, not 400 or 415',
    );
  });
});

function withInvoiceFilter(filter: (input: FilterInput) => FilterResult): Integration {
  const events = new Map<string, EventDefinition>(exampleIntegration.events);
  events.set('invoice', { ...exampleIntegration.events.get('invoice')!, filter });
  return { ...exampleIntegration, events };
}
