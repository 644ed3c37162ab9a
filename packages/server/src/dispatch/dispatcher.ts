import type { Clock, Integration, Logger } from '@tripline/sdk';
import { newTimeOrderedId } from '../domain/ids.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { RunQueue } from '../queue/queue.js';
import type { RequestLogRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { TriggerLinkRecord } from '../store/workflow-records.js';
import { type DeliveryPlan, planDelivery } from './plan-delivery.js';
import { planUnheardDelivery } from './plan-unheard-delivery.js';

export interface DispatcherOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly queue: RunQueue;
  readonly events: InternalEvents;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Deliveries read and committed together. Default 100. */
  readonly batchSize?: number;
  /** Draft listeners, asked about each delivery after the published triggers planned theirs. */
  readonly listeners?: DispatchListeners;
  /** The safety net: how often the inbox is looked at without being told. Default 5 s. */
  readonly pollIntervalMs?: number;
}

/** What the dispatcher asks of draft listeners ("Run this step"). */
export interface DispatchListeners {
  /** Adds the draft runs of listeners that capture this delivery to its plan. */
  plan(input: {
    readonly log: RequestLogRecord;
    readonly integration: Integration | undefined;
    readonly plan: DeliveryPlan;
  }): DeliveryPlan;
  /**
   * Before a batch is planned, holds the listeners it may capture, when listeners are shared
   * between processes (each is then captured by one process's event only); answers the release
   * of those the batch did not capture.
   */
  hold?(logs: readonly RequestLogRecord[]): Promise<() => Promise<void>>;
}

/**
 * Turns stored deliveries (the request log rows pending dispatch) into runs. Woken by
 * `deliveries.stored`, and by a poll in case a signal was missed or another process stored them.
 * Each batch is one commit (`commitDispatch`): its runs (one per delivery, event, version and
 * trigger node, so a batch repeated after a crash creates nothing twice) and every log's results.
 * Then the new runs are enqueued. A delivery no enabled trigger listens to is planned from the
 * events the ingress recorded, without reading its body again; a backlog is worked one batch per
 * turn of the event loop, so the ingress keeps answering while it drains.
 */
export class Dispatcher {
  readonly #options: DispatcherOptions;
  readonly #batchSize: number;
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(options: DispatcherOptions) {
    this.#options = options;
    this.#batchSize = Math.max(1, options.batchSize ?? 100);
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#options.events.on('deliveries.stored', () => void this.dispatchPending());
    this.#timer = setInterval(() => void this.dispatchPending(), this.#options.pollIntervalMs ?? 5_000);
    this.#timer.unref();
    void this.dispatchPending();
  }

  /** Stops listening and waits for the pass under way. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Works the inbox until it is empty; calls during a pass make it go round once more. */
  dispatchPending(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        for (;;) {
          const pending = await this.#options.store.requestLogs.listPending(this.#batchSize);
          if (pending.length > 0) await this.dispatch(pending);
          if (pending.length < this.#batchSize) break;
          // A backlog is worked a batch per turn of the event loop, so requests keep being answered.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } while (this.#again);
    })()
      .catch((error: unknown) =>
        this.#options.logger.error(
          { err: error },
          'dispatching deliveries failed; the next pass tries again',
        ),
      )
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  /** Dispatches these deliveries in one transaction (whatever their state: repeating one starts nothing new). */
  async dispatch(logs: readonly RequestLogRecord[]): Promise<void> {
    const release = await this.#options.listeners?.hold?.(logs);
    try {
      await this.#dispatchHeld(logs);
    } finally {
      await release?.();
    }
  }

  async #dispatchHeld(logs: readonly RequestLogRecord[]): Promise<void> {
    const { store, catalog, queue, clock, logger } = this.#options;
    const now = new Date(clock.now());
    const links = await store.triggerLinks.findBySubscriptions(logs.map((log) => log.endpointId));
    const linksBySubscription = new Map<string, TriggerLinkRecord[]>();
    for (const link of links) {
      if (link.subscriptionId === null) continue;
      const group = linksBySubscription.get(link.subscriptionId);
      if (group === undefined) linksBySubscription.set(link.subscriptionId, [link]);
      else group.push(link);
    }
    const plans: DeliveryPlan[] = logs.map((log) => {
      const integration = catalog.find(log.integration);
      const ofSubscription = linksBySubscription.get(log.endpointId) ?? [];
      // Most deliveries start nothing; those are planned from their recorded events, unread.
      const unheard =
        integration && log.body !== null ? planUnheardDelivery({ log, links: ofSubscription }) : undefined;
      const plan =
        unheard ??
        planDelivery({
          log,
          integration,
          links: ofSubscription,
          now,
          newRunId: () => newTimeOrderedId(now.getTime()),
        });
      return this.#options.listeners ? this.#options.listeners.plan({ log, integration, plan }) : plan;
    });
    const commit = await store.runs.commitDispatch({
      runs: plans.flatMap((plan) => plan.runs),
      logs: plans.map((plan) => plan.log),
      now,
    });
    const runIds = [...new Set(commit.runIds.values())];
    logger.debug(
      { deliveries: logs.length, runs: runIds.length, created: commit.created.length },
      'deliveries dispatched',
    );
    if (runIds.length > 0) await queue.enqueue(runIds);
  }
}
