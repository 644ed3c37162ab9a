import type { Clock, Logger } from '@tripline/sdk';
import { newTimeOrderedId } from '../domain/ids.js';
import type { RunQueue } from '../queue/queue.js';
import { firstRun } from '../runs/first-run.js';
import type { ScheduleTriggerRecord } from '../store/schedule-records.js';
import type { Store } from '../store/store.js';
import type { NewRunRecord } from '../store/workflow-records.js';
import { ScheduleCatalog } from './schedule-catalog.js';

export interface SchedulerOptions {
  readonly store: Store;
  readonly queue: RunQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * How often the set of schedules is read again, so a publish, a delete or a trigger switched
   * on or off (here or in another process) is seen. Default 5 s.
   */
  readonly refreshIntervalMs?: number;
}

/** What one pass did. */
export interface SchedulerTick {
  /** Runs this pass created. */
  readonly created: readonly string[];
  /** When the next schedule is due, or undefined when none will be. */
  readonly nextDueAt: Date | undefined;
}

/**
 * Starts runs from the schedule triggers of published, enabled workflows. Each pass reads the
 * schedules, and for each one fires the latest time due since it last fired (or was published,
 * or was switched on): after a stop, missed times run once, not once each. A fire is keyed by
 * (version, node, scheduled time) in the store, so two schedulers, or one restarted, start each
 * run once.
 */
export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #catalog: ScheduleCatalog;
  readonly #refreshMs: number;
  /** When the previous pass read the schedules, and which it saw: a trigger absent then is new since. */
  #previous: { readonly at: Date; readonly keys: ReadonlySet<string> } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #started = false;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#catalog = new ScheduleCatalog(options);
    this.#refreshMs = Math.max(10, options.refreshIntervalMs ?? 5_000);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#loop();
  }

  /** Stops waking and waits for the pass under way. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One pass: fires what is due at the clock's time. */
  async tick(): Promise<SchedulerTick> {
    const { store, queue, clock, logger } = this.#options;
    const now = new Date(clock.now());
    const triggers = await store.schedules.listActive();
    const clocks = await this.#catalog.clocksOf(triggers);
    const previous = this.#previous;
    this.#previous = { at: now, keys: new Set(triggers.map(keyOf)) };
    const created: string[] = [];
    let nextDueAt: Date | undefined;
    for (const trigger of triggers) {
      const schedule = clocks.get(trigger);
      if (!schedule) continue;
      const since = Math.max(
        trigger.publishedAt.getTime(),
        trigger.lastFiredAt?.getTime() ?? Number.NEGATIVE_INFINITY,
        previous && !previous.keys.has(keyOf(trigger)) ? previous.at.getTime() : Number.NEGATIVE_INFINITY,
      );
      const due = schedule.latestAtOrBefore(now);
      if (due !== undefined && due.getTime() > since) {
        try {
          const receipt = await store.schedules.fire({
            scheduledAt: due,
            run: scheduledRun(trigger, due, now),
          });
          if (receipt.created) created.push(receipt.runId);
        } catch (error) {
          // The workflow may have been deleted since it was listed; the next pass reads again.
          logger.warn(
            { err: error, workflowId: trigger.workflowId, nodeId: trigger.nodeId },
            'a scheduled run could not be created; the next pass tries again',
          );
        }
      }
      const next = schedule.nextAfter(now);
      if (next !== undefined && (nextDueAt === undefined || next < nextDueAt)) nextDueAt = next;
    }
    if (created.length > 0) {
      logger.debug({ runs: created.length }, 'scheduled runs created');
      await queue.enqueue(created);
    }
    return { created, nextDueAt };
  }

  #loop(): void {
    if (!this.#started) return;
    const pass = this.tick().catch((error: unknown) => {
      this.#options.logger.error({ err: error }, 'the scheduler pass failed; the next one tries again');
      return undefined;
    });
    this.#running = pass;
    void pass.then((result) => {
      this.#running = undefined;
      if (!this.#started) return;
      const untilDue =
        result?.nextDueAt === undefined
          ? this.#refreshMs
          : result.nextDueAt.getTime() - this.#options.clock.now();
      this.#timer = setTimeout(() => this.#loop(), Math.max(0, Math.min(untilDue, this.#refreshMs)));
      this.#timer.unref();
    });
  }
}

function keyOf(trigger: ScheduleTriggerRecord): string {
  return `${trigger.workflowId}/${trigger.nodeId}`;
}

function scheduledRun(trigger: ScheduleTriggerRecord, scheduledAt: Date, now: Date): NewRunRecord {
  return firstRun({
    id: newTimeOrderedId(now.getTime()),
    workspaceId: trigger.workspaceId,
    workflowId: trigger.workflowId,
    versionId: trigger.versionId,
    trigger: { nodeId: trigger.nodeId, type: 'trigger-schedule' },
    invokeFrom: 'schedule',
    inputs: { scheduled_time: scheduledAt.toISOString() },
    createdAt: now,
  });
}
