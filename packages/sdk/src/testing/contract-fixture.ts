import type { Clock } from '../clock.js';
import type { ParameterValues } from '../parameters.js';
import type { RawRequest } from '../raw-request.js';

/**
 * How the suite spoils a fixture's request to prove `verify` refuses it. A function returns the
 * spoiled request; `false` says the integration does not sign requests, so the tamper and
 * wrong-secret checks are skipped (and reported as skipped, with that reason).
 *
 * @example
 * const tamper: Tamper = (request) => ({ ...request, headers: { ...request.headers, 'x-token': 'forged' } });
 */
export type Tamper = false | ((request: RawRequest) => RawRequest);

/**
 * One event a fixture must parse into.
 *
 * @example
 * const expected: ExpectedEvent = { name: 'pull_request', action: 'opened' };
 */
export interface ExpectedEvent {
  readonly name: string;
  readonly action?: string;
}

/**
 * A real request to an integration, the subscription properties it was signed with, and the
 * events it must produce, in order.
 *
 * @example
 * const fixture: ContractFixture = {
 *   name: 'push',
 *   request: rawRequest({ headers: { 'x-github-event': 'push', 'x-hub-signature-256': signGitHubBody(body, 's3cret') }, body }),
 *   properties: { webhook_secret: 's3cret' },
 *   expectedEvents: [{ name: 'push' }],
 * };
 */
export interface ContractFixture {
  readonly name: string;
  readonly request: RawRequest;
  /** The subscription's properties with secrets in clear. */
  readonly properties: ParameterValues;
  readonly expectedEvents: readonly ExpectedEvent[];
  /** Overrides {@link ContractOptions.tamper} for this fixture. */
  readonly tamper?: Tamper;
  /** The time the fixture is verified at; {@link ContractOptions.clock} when omitted. */
  readonly clock?: Clock;
}

/**
 * Suite-wide settings of the integration contract.
 *
 * @example
 * const options: ContractOptions = { clock: fixedClock(Date.parse('2026-01-01T00:00:00Z')), secretProperties: ['signing_secret'] };
 */
export interface ContractOptions {
  /** Flips one body byte when omitted. */
  readonly tamper?: Tamper;
  /**
   * Properties whose values the wrong-secret check changes; the subscription properties declared
   * with type `secret` when omitted.
   */
  readonly secretProperties?: readonly string[];
  /** The system clock when omitted: fixtures signed with a timestamp need the time they were signed at. */
  readonly clock?: Clock;
  /** Seeds the random garbage bodies, so a failure reproduces. */
  readonly seed?: number;
}
