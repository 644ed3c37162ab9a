import { ConflictError, NotFoundError } from '../domain/errors.js';
import { newTimeOrderedId } from '../domain/ids.js';
import type { Principal, RequestOutcome, SubscriptionRecord } from '../store/records.js';
import type { SubscriptionServicesOptions } from '../subscriptions/subscription-services-options.js';
import { listRequestLogs, type RequestLogPage, type RequestLogPageQuery } from './list-request-logs.js';
import { type RequestLogView, toRequestLogView } from './request-log-view.js';

/** Outcomes of requests whose signature was checked and whose body was read: safe to dispatch again. */
const REPLAYABLE: readonly RequestOutcome[] = ['accepted', 'duplicate', 'no_events'];

/** A subscription's request logs, and replaying a stored delivery. */
export class RequestLogService {
  readonly #options: SubscriptionServicesOptions;

  constructor(options: SubscriptionServicesOptions) {
    this.#options = options;
  }

  /** Newest first; `nextCursor` is the `before` of the next page. */
  async list(
    principal: Principal,
    subscriptionId: string,
    query: RequestLogPageQuery,
  ): Promise<RequestLogPage> {
    await this.#subscription(principal, subscriptionId);
    return listRequestLogs(this.#options.store, {
      workspaceId: principal.workspaceId,
      endpointId: subscriptionId,
      ...query,
    });
  }

  /** One log with its whole body. */
  async get(principal: Principal, subscriptionId: string, logId: string): Promise<RequestLogView> {
    await this.#subscription(principal, subscriptionId);
    const record = await this.#options.store.requestLogs.get(principal.workspaceId, subscriptionId, logId);
    if (!record) throw new NotFoundError('request log', logId);
    const dispatch = await this.#options.store.requestLogs.dispatchResults(principal.workspaceId, [logId]);
    return toRequestLogView(record, { dispatch: dispatch.get(logId) ?? [] });
  }

  /**
   * Dispatches a stored delivery again: a new log row that points at the original and waits in
   * the inbox like a fresh delivery, so the dispatcher starts new runs for it. Only requests that
   * passed verification are replayed; a refused one never carried trusted events.
   */
  async replay(
    principal: Principal,
    subscriptionId: string,
    logId: string,
  ): Promise<{ readonly id: string; readonly replayOf: string }> {
    const { store, clock, events, logger } = this.#options;
    const subscription = await this.#subscription(principal, subscriptionId);
    const original = await store.requestLogs.get(principal.workspaceId, subscriptionId, logId);
    if (!original) throw new NotFoundError('request log', logId);
    if (!REPLAYABLE.includes(original.outcome) || original.body === null) {
      throw new ConflictError(
        'not_replayable',
        `request log "${logId}" has outcome "${original.outcome}"; only verified requests (${REPLAYABLE.join(', ')}) can be replayed`,
      );
    }
    const now = clock.now();
    const hasEvents = original.events.length > 0;
    const receipt = await store.deliveries.write({
      id: newTimeOrderedId(now),
      endpointId: subscription.id,
      workspaceId: subscription.workspaceId,
      integration: subscription.integration,
      receivedAt: new Date(now),
      method: original.method,
      path: original.path,
      headers: original.headers,
      body: original.body,
      responseStatus: original.responseStatus,
      responseHeaders: original.responseHeaders,
      responseBody: original.responseBody,
      deliveryId: original.deliveryId,
      events: original.events,
      outcome: hasEvents ? 'accepted' : 'no_events',
      reason: `replay of ${original.id} requested by member ${principal.memberId}`,
      dispatchState: hasEvents ? 'pending' : 'none',
      replayOf: original.id,
    });
    if (hasEvents) events.emit('deliveries.stored', { count: 1 });
    logger.info({ subscriptionId, logId, replayId: receipt.id }, 'request log replayed');
    return { id: receipt.id, replayOf: original.id };
  }

  async #subscription(principal: Principal, id: string): Promise<SubscriptionRecord> {
    const subscription = await this.#options.store.subscriptions.get(principal.workspaceId, id);
    if (!subscription) throw new NotFoundError('subscription', id);
    return subscription;
  }
}
