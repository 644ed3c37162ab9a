import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

/**
 * What the ingress counts beyond the stored outcomes: refusals that never reach the store, and a
 * write the store could not make.
 */
export type IngressOutcomeLabel =
  | 'accepted'
  | 'no_events'
  | 'duplicate'
  | 'unauthorized'
  | 'unreadable'
  | 'too_large'
  | 'not_found'
  | 'rate_limited'
  | 'aborted'
  | 'unavailable';

type CounterChild = ReturnType<Counter<'integration' | 'outcome' | 'status'>['labels']>;
type HistogramChild = ReturnType<Histogram<'integration'>['labels']>;

/**
 * The ingress's metrics with label children kept, so the hot path skips prom-client's label
 * validation and hashing. Label values come from small fixed sets (integration ids, outcomes,
 * statuses), so the cache stays small.
 */
export class IngressMeter {
  readonly #metrics: Metrics;
  readonly #counters = new Map<string, CounterChild>();
  readonly #ackTimers = new Map<string, HistogramChild>();

  constructor(metrics: Metrics) {
    this.#metrics = metrics;
  }

  count(integration: string, outcome: IngressOutcomeLabel, status: number): void {
    const key = `${integration}\u0000${outcome}\u0000${status}`;
    let child = this.#counters.get(key);
    if (child === undefined) {
      child = this.#metrics.ingressRequests.labels(integration, outcome, String(status));
      this.#counters.set(key, child);
    }
    child.inc();
  }

  /** Time from the request's arrival to its answer, for requests that were stored. */
  observeAck(integration: string, seconds: number): void {
    let child = this.#ackTimers.get(integration);
    if (child === undefined) {
      child = this.#metrics.ingressAckSeconds.labels(integration);
      this.#ackTimers.set(integration, child);
    }
    child.observe(seconds);
  }
}
