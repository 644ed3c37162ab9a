import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, on a registry of its own (not prom-client's global one) so
 * several servers in one test process don't collide.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Every request at an ingress endpoint, by integration, outcome and status. */
  readonly ingressRequests: Counter<'integration' | 'outcome' | 'status'>;
  /** From the first byte read to the answer, for requests that were stored. */
  readonly ingressAckSeconds: Histogram<'integration'>;
  /** Rows per group commit of the delivery writer. */
  readonly deliveryBatchSize: Histogram;
}

export function createMetrics(options: { readonly collectDefaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.collectDefaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'tripline_' });
  return {
    registry,
    ingressRequests: new Counter({
      name: 'tripline_ingress_requests_total',
      help: 'Requests received at ingress endpoints, by outcome and answered status.',
      labelNames: ['integration', 'outcome', 'status'] as const,
      registers: [registry],
    }),
    ingressAckSeconds: new Histogram({
      name: 'tripline_ingress_ack_seconds',
      help: 'Time from reading a request to answering it, including the durable write.',
      labelNames: ['integration'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    deliveryBatchSize: new Histogram({
      name: 'tripline_delivery_batch_size',
      help: 'Deliveries written per group commit.',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers: [registry],
    }),
  };
}
