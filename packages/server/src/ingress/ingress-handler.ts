import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Clock, Integration, Logger } from '@tripline/sdk';
import type { IngressConfig } from '../config/config.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Metrics } from '../observability/metrics.js';
import type { NewRequestLog } from '../store/records.js';
import type { DeliveryWriter } from '../store/store.js';
import { DeliveryNotifier } from './delivery-notifier.js';
import { EndpointRateLimiter } from './endpoint-rate-limiter.js';
import type { EndpointResolver } from './endpoint-resolver.js';
import { describeBytes, errorAnswer, type IngressAnswer, sendAnswer } from './ingress-answer.js';
import { IngressMeter } from './ingress-meter.js';
import { endpointIdFromUrl, INGRESS_PREFIX } from './ingress-path.js';
import { inspectRequest, tooLarge, type Verdict } from './inspect-request.js';
import { discardRest, readBody } from './read-body.js';
import { HeaderRedactor } from './redact-headers.js';
import { toRequestLog } from './to-request-log.js';

export interface IngressHandlerOptions {
  readonly resolver: Pick<EndpointResolver, 'peek' | 'resolve'>;
  readonly catalog: IntegrationCatalog;
  readonly writer: DeliveryWriter;
  readonly limits: IngressConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly events: InternalEvents;
}

/** A plain node:http handler, mounted ahead of the API router so the hot path skips it. */
export type IngressHandler = (req: IncomingMessage, res: ServerResponse) => void;

const DUPLICATE_HEADER = { 'x-tripline-duplicate': 'true' };
const RETRY_LATER_SECONDS = '5';
const UNKNOWN = 'unknown';

/**
 * `ANY /triggers/plugin/{endpointId}`: verify, store durably, and only then answer. Everything
 * before the write is a map lookup, a token bucket and the integration's pure hooks, so the ack
 * costs the same with ten subscriptions or ten thousand; matching events to workflows happens
 * after it, in the dispatcher.
 */
export function createIngressHandler(options: IngressHandlerOptions): IngressHandler {
  const ingress = new Ingress(options);
  return (req, res) => {
    ingress.serve(req, res).catch((error: unknown) => ingress.fail(res, error));
  };
}

class Ingress {
  readonly #o: IngressHandlerOptions;
  readonly #limiter: EndpointRateLimiter;
  readonly #redactor = new HeaderRedactor();
  readonly #meter: IngressMeter;
  readonly #notifier: DeliveryNotifier;
  readonly #tooLargeMessage: string;

  constructor(options: IngressHandlerOptions) {
    this.#o = options;
    this.#limiter = new EndpointRateLimiter({
      ratePerSecond: options.limits.endpointRatePerSecond,
      burst: options.limits.endpointBurst,
      clock: options.clock,
    });
    this.#meter = new IngressMeter(options.metrics);
    this.#notifier = new DeliveryNotifier(options.events);
    this.#tooLargeMessage = `the request body is larger than the limit of ${describeBytes(options.limits.maxBodyBytes)}`;
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const receivedAt = this.#o.clock.now();
    const endpointId = endpointIdFromUrl(req.url ?? '');
    let endpoint = endpointId === undefined ? null : this.#o.resolver.peek(endpointId);
    if (endpoint === undefined && endpointId !== undefined) {
      try {
        endpoint = (await this.#o.resolver.resolve(endpointId)) ?? null;
      } catch (error) {
        this.#o.logger.error({ endpointId, err: error }, 'cannot look an ingress endpoint up');
        return this.#unavailable(res, UNKNOWN);
      }
    }
    const integration = endpoint ? this.#o.catalog.find(endpoint.integration) : undefined;
    if (!endpoint || !integration) {
      // Nothing to attach a log to: counted, never stored.
      this.#meter.count(UNKNOWN, 'not_found', 404);
      const named = endpointId ?? req.url?.slice(INGRESS_PREFIX.length, INGRESS_PREFIX.length + 64);
      const message = `no live endpoint "${named}": it was never created, was deleted, or its setup expired`;
      return sendAnswer(res, errorAnswer(404, 'not_found', message));
    }
    const waitMs = this.#limiter.take(endpoint.id);
    if (waitMs > 0) {
      this.#meter.count(integration.id, 'rate_limited', 429);
      const seconds = String(Math.max(1, Math.ceil(waitMs / 1000)));
      const message = `endpoint "${endpoint.id}" receives more requests than its limit of ${this.#o.limits.endpointRatePerSecond} per second; retry after ${seconds} s`;
      return sendAnswer(res, errorAnswer(429, 'rate_limited', message, { 'retry-after': seconds }));
    }

    const read = await readBody(req, this.#o.limits.maxBodyBytes);
    if (read.kind === 'aborted') return this.#meter.count(integration.id, 'aborted', 0);
    const headers = this.#redactor.split(req.headers);
    let verdict: Verdict;
    if (read.kind === 'too_large') {
      // The rest is read and dropped (bounded), so the sender sees the 413 rather than a reset.
      discardRest(req, this.#o.limits.maxBodyBytes);
      verdict = tooLarge(this.#tooLargeMessage);
    } else {
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '',
        headers: headers.clear,
        body: read.body,
      };
      verdict = inspectRequest({
        integration,
        request,
        properties: endpoint.properties,
        clock: this.#o.clock,
        logger: this.#o.logger,
        endpointId: endpoint.id,
      });
    }
    const log = toRequestLog({
      endpoint,
      receivedAt,
      req,
      headers: headers.redacted,
      body: read.kind === 'complete' ? read.body : null,
      verdict,
    });
    await this.#store(res, integration, log, verdict.answer);
    this.#meter.observeAck(integration.id, (performance.now() - startedAt) / 1000);
  }

  /** Writes the log, then answers: a 2xx never leaves before the row is durable. */
  async #store(res: ServerResponse, integration: Integration, log: NewRequestLog, answer: IngressAnswer) {
    let receipt: Awaited<ReturnType<DeliveryWriter['write']>>;
    try {
      receipt = await this.#o.writer.write(log);
    } catch (error) {
      this.#o.logger.error(
        { endpointId: log.endpointId, integration: integration.id, logId: log.id, err: error },
        'cannot store an ingress request',
      );
      // A refusal stays a refusal (retrying can't help); an acceptance becomes "retry later".
      if (answer.status >= 400) {
        this.#meter.count(integration.id, log.outcome, answer.status);
        return sendAnswer(res, answer);
      }
      return this.#unavailable(res, integration.id);
    }
    if (receipt.duplicate) {
      const original = receipt.original;
      this.#meter.count(integration.id, 'duplicate', original.responseStatus);
      const replay = {
        status: original.responseStatus,
        headers: original.responseHeaders,
        body: original.responseBody,
      };
      return sendAnswer(res, replay, DUPLICATE_HEADER);
    }
    if (log.dispatchState === 'pending') this.#notifier.stored();
    this.#meter.count(integration.id, log.outcome, answer.status);
    sendAnswer(res, answer);
  }

  #unavailable(res: ServerResponse, integration: string): void {
    this.#meter.count(integration, 'unavailable', 503);
    const message = 'the request could not be stored right now; nothing was accepted, retry later';
    sendAnswer(res, errorAnswer(503, 'unavailable', message, { 'retry-after': RETRY_LATER_SECONDS }));
  }

  /** A defect on this side: answer 500 when still possible, and keep serving. */
  fail(res: ServerResponse, error: unknown): void {
    this.#o.logger.error({ err: error }, 'ingress request failed unexpectedly');
    if (!res.headersSent) {
      res.setHeader('connection', 'close');
      sendAnswer(res, errorAnswer(500, 'internal_error', 'the request failed on the server; retry later'));
    } else {
      res.destroy();
    }
  }
}
