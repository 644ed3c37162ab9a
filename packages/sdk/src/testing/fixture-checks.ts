import { type Clock, systemClock } from '../clock.js';
import { filterEvent, type ParsedEvent } from '../events.js';
import type { Integration, VerifyResult } from '../integration.js';
import type { ContractFixture, ContractOptions, ExpectedEvent, Tamper } from './contract-fixture.js';
import { garbageBodies } from './garbage-bodies.js';
import { attempt, filterResultProblem, parseResultProblems, verifyResultProblem } from './hook-results.js';
import { flipBodyByte } from './raw-request.js';
import { wrongSecret } from './wrong-secret.js';

/**
 * Problems with the fixture list itself: none at all, or names that are empty or repeated.
 *
 * @example
 * expect(checkFixtureList(fixtures)).toEqual([]);
 */
export function checkFixtureList(fixtures: readonly ContractFixture[]): string[] {
  if (fixtures.length === 0) return ['fixtures: none given; the contract needs at least one real request'];
  const problems: string[] = [];
  const names = new Set<string>();
  for (const [index, fixture] of fixtures.entries()) {
    if (fixture.name.trim().length === 0) problems.push(`fixtures[${index}]: name is empty`);
    if (names.has(fixture.name)) problems.push(`fixtures[${index}]: name "${fixture.name}" is used twice`);
    names.add(fixture.name);
  }
  return problems;
}

/**
 * `verify` accepts the fixture with its properties.
 *
 * @example
 * expect(checkFixtureVerifies(github, fixture)).toEqual([]);
 */
export function checkFixtureVerifies(
  integration: Integration,
  fixture: ContractFixture,
  options: ContractOptions = {},
): string[] {
  const clock = clockOf(fixture, options);
  const outcome = attempt(() =>
    integration.verify({ request: fixture.request, properties: fixture.properties, clock }),
  );
  const at = `fixture "${fixture.name}"`;
  if (outcome.threw) return [`${at}: verify threw ${outcome.error}`];
  const problem = verifyResultProblem(outcome.value);
  if (problem) return [`${at}: verify ${problem}`];
  return outcome.value.ok ? [] : [`${at}: verify refused it: ${outcome.value.reason}`];
}

/**
 * `parse` reads the fixture into exactly the expected events, in order, each a declared event.
 *
 * @example
 * expect(checkFixtureParses(github, fixture)).toEqual([]);
 */
export function checkFixtureParses(integration: Integration, fixture: ContractFixture): string[] {
  const at = `fixture "${fixture.name}"`;
  const parsed = parseFixture(integration, fixture);
  if (typeof parsed === 'string') return [`${at}: ${parsed}`];
  const actual = parsed.map(summarize);
  const expected = fixture.expectedEvents.map(summarize);
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [`${at}: parsed into ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

/**
 * `verify` refuses the fixture once tampered with (one body byte flipped, unless the options say
 * otherwise). Returns undefined when tampering is switched off, so callers can report the skip.
 *
 * @example
 * expect(checkTamperedFixtureFails(github, fixture)).toEqual([]);
 */
export function checkTamperedFixtureFails(
  integration: Integration,
  fixture: ContractFixture,
  options: ContractOptions = {},
): string[] | undefined {
  const tamper = tamperOf(fixture, options);
  if (tamper === false) return undefined;
  const request = tamper(fixture.request);
  return refusal(`fixture "${fixture.name}" tampered with`, () =>
    integration.verify({ request, properties: fixture.properties, clock: clockOf(fixture, options) }),
  );
}

/**
 * `verify` refuses the fixture when every secret property is changed to another well-formed value.
 * Returns undefined when tampering is switched off (an integration that does not sign).
 *
 * @example
 * expect(checkWrongSecretFails(github, fixture)).toEqual([]);
 */
export function checkWrongSecretFails(
  integration: Integration,
  fixture: ContractFixture,
  options: ContractOptions = {},
): string[] | undefined {
  if (tamperOf(fixture, options) === false) return undefined;
  const at = `fixture "${fixture.name}"`;
  const names =
    options.secretProperties ??
    integration.subscription.properties.filter((property) => property.type === 'secret').map((p) => p.name);
  const properties = { ...fixture.properties };
  const changed: string[] = [];
  for (const name of names) {
    const value = properties[name];
    if (typeof value !== 'string') continue;
    properties[name] = wrongSecret(value);
    changed.push(name);
  }
  if (changed.length === 0) {
    return [
      `${at}: has no secret property to change (looked for: ${names.join(', ') || 'none declared'}); ` +
        'declare one with type "secret", pass secretProperties, or set tamper: false for an unsigned integration',
    ];
  }
  return refusal(`${at} with a wrong ${changed.join(', ')}`, () =>
    integration.verify({ request: fixture.request, properties, clock: clockOf(fixture, options) }),
  );
}

/**
 * Each event the fixture parses into goes through its filter (or the default) with empty
 * parameters and comes out a FilterResult.
 *
 * @example
 * expect(checkFixtureFilters(github, fixture)).toEqual([]);
 */
export function checkFixtureFilters(integration: Integration, fixture: ContractFixture): string[] {
  const at = `fixture "${fixture.name}"`;
  const parsed = parseFixture(integration, fixture);
  if (typeof parsed === 'string') return [`${at}: ${parsed}`];
  const problems: string[] = [];
  for (const [index, event] of parsed.entries()) {
    const definition = integration.events.get(event.name);
    if (!definition) continue; // parseFixture already refused undeclared events
    const outcome = attempt(() => filterEvent(definition, { event, parameters: {} }));
    const problem = outcome.threw ? `threw ${outcome.error}` : filterResultProblem(outcome.value);
    if (problem) problems.push(`${at}: events[${index}] (${event.name}) filter ${problem}`);
  }
  return problems;
}

/**
 * `parse` and `verify` survive bodies no sender sends (random bytes, empty, broken JSON): they
 * return results instead of throwing.
 *
 * @example
 * expect(checkGarbageBodies(github, fixture, { seed: 7 })).toEqual([]);
 */
export function checkGarbageBodies(
  integration: Integration,
  fixture: ContractFixture,
  options: ContractOptions = {},
): string[] {
  const problems: string[] = [];
  const clock = clockOf(fixture, options);
  for (const { label, body } of garbageBodies({ seed: options.seed ?? 1, original: fixture.request.body })) {
    const request = { ...fixture.request, body };
    const at = `fixture "${fixture.name}" with ${label}`;
    const parsed = attempt(() => integration.parse(request));
    if (parsed.threw) problems.push(`${at}: parse threw ${parsed.error}`);
    else
      problems.push(
        ...parseResultProblems(integration, parsed.value).map((problem) => `${at}: parse ${problem}`),
      );
    const verified = attempt(() => integration.verify({ request, properties: fixture.properties, clock }));
    const problem = verified.threw ? `threw ${verified.error}` : verifyResultProblem(verified.value);
    if (problem) problems.push(`${at}: verify ${problem}`);
  }
  return problems;
}

function parseFixture(integration: Integration, fixture: ContractFixture): readonly ParsedEvent[] | string {
  const outcome = attempt(() => integration.parse(fixture.request));
  if (outcome.threw) return `parse threw ${outcome.error}`;
  const problems = parseResultProblems(integration, outcome.value);
  if (problems.length > 0) return `parse ${problems.join('; ')}`;
  const result = outcome.value;
  return result.ok ? result.events : `parse refused it (${result.status}): ${result.reason}`;
}

/** Problems unless `verify` refuses, with a reason, what it was handed. */
function refusal(at: string, verify: () => VerifyResult): string[] {
  const outcome = attempt(verify);
  if (outcome.threw) return [`${at}: verify threw ${outcome.error}`];
  const problem = verifyResultProblem(outcome.value);
  if (problem) return [`${at}: verify ${problem}`];
  return outcome.value.ok ? [`${at}: verify accepted it`] : [];
}

function summarize(event: ExpectedEvent): ExpectedEvent {
  return event.action === undefined ? { name: event.name } : { name: event.name, action: event.action };
}

function clockOf(fixture: ContractFixture, options: ContractOptions): Clock {
  return fixture.clock ?? options.clock ?? systemClock;
}

function tamperOf(fixture: ContractFixture, options: ContractOptions): Tamper {
  return fixture.tamper ?? options.tamper ?? flipBodyByte;
}
