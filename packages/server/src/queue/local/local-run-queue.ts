import { setMaxListeners } from 'node:events';
import type { Clock, Logger } from '@tripline/sdk';
import { newId } from '../../domain/ids.js';
import { type BatchOutcome, GroupCommit } from '../../store/group-commit.js';
import type { Store } from '../../store/store.js';
import type { RunCompletion, RunRecord } from '../../store/workflow-records.js';
import type { RunEndedListener, RunHandler, RunOutcome, RunQueue } from '../queue.js';
import { DROPPED_ENDING_MESSAGE, runOutcome } from '../run-outcome.js';
import { failAbandonedRuns, heartbeat, type WorkerLivenessOptions } from '../worker-liveness.js';

export interface LocalRunQueueOptions {
  readonly store: Store;
  readonly handler: RunHandler;
  /** Told after each ending is stored. */
  readonly onEnded?: RunEndedListener;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Runs executing at once. Default 4. */
  readonly concurrency?: number;
  /** How often queued runs are looked for without being told. Default 2 s. */
  readonly pollIntervalMs?: number;
  /** How often this worker says it is alive. Default 10 s. */
  readonly heartbeatMs?: number;
  /** A running run whose worker was silent this long is failed as abandoned. Default 60 s. */
  readonly staleAfterMs?: number;
  /**
   * This process is the only one running workflows on this database (the embedded SQLite
   * default): every run found running at start was left by a process that died.
   */
  readonly exclusive?: boolean;
  /** How long stop waits for running runs before aborting them. Default 10 s. */
  readonly stopGraceMs?: number;
}

type SettleItem =
  | { readonly kind: 'finish'; readonly completion: RunCompletion }
  | { readonly kind: 'claim' };

/**
 * The in-process queue: workers of this process claim queued runs from the runs table, oldest
 * first, at most `concurrency` at a time, and store how each ended. Endings that arrive together
 * share one transaction, which also claims queued runs for the room they free: under load there
 * is about one durable commit per batch of runs, not two per run. The table is the queue, so
 * nothing is lost when the process stops.
 */
export class LocalRunQueue implements RunQueue {
  readonly workerId = `local-${newId()}`;
  readonly #options: LocalRunQueueOptions;
  readonly #concurrency: number;
  readonly #liveness: WorkerLivenessOptions;
  /** Endings to store and requests to claim, written together: one transaction at a time. */
  readonly #settler: GroupCommit<SettleItem, boolean>;
  /** Runs held, from their claim until their ending is stored. */
  readonly #running = new Map<string, Promise<void>>();
  /**
   * Runs whose handler has not returned: what the concurrency bounds. A run waiting for its
   * ending to be stored holds no slot, so the transaction storing it can claim its successor.
   */
  #executing = 0;
  /** Room promised to claims under way, so two claims at once never take more than the room. */
  #reserved = 0;
  readonly #abort = new AbortController();
  #timers: NodeJS.Timeout[] = [];
  #pumping: Promise<void> | undefined;
  #pumpAgain = false;
  #started = false;
  #stopping = false;

  constructor(options: LocalRunQueueOptions) {
    this.#options = options;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    const { store, clock, logger, staleAfterMs = 60_000 } = options;
    this.#liveness = { store, clock, logger, workerId: this.workerId, staleAfterMs };
    // Each running run listens to this signal: as many listeners as the concurrency are expected.
    setMaxListeners(this.#concurrency + 10, this.#abort.signal);
    this.#settler = new GroupCommit<SettleItem, boolean>({
      maxBatch: 100,
      maxInFlight: 1,
      commit: (items) => this.#settle(items),
    });
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    // Alone on its database, every run another worker holds was left by a process that died.
    await failAbandonedRuns(this.#liveness, this.#options.exclusive === true);
    const { pollIntervalMs = 2_000, heartbeatMs = 10_000 } = this.#options;
    const { staleAfterMs } = this.#liveness;
    this.#timers = [
      setInterval(() => void this.#pump(), pollIntervalMs),
      setInterval(() => void this.#heartbeat(), heartbeatMs),
      setInterval(() => void failAbandonedRuns(this.#liveness), Math.max(staleAfterMs / 2, pollIntervalMs)),
    ];
    // Housekeeping must not keep the process alive on its own.
    for (const timer of this.#timers) timer.unref();
    void this.#pump();
  }

  async enqueue(_runIds: readonly string[]): Promise<void> {
    // The runs are already in the table; being told just means looking now instead of at the next
    // poll. The claim waits for the next transaction, which runs enqueued meanwhile share.
    if (this.#started && !this.#stopping) void this.#pump();
  }

  /** Resolves once no run is queued or running here (for tests). */
  async drain(): Promise<void> {
    for (;;) {
      await this.#pump();
      if (this.#running.size === 0) return;
      await Promise.allSettled([...this.#running.values()]);
    }
  }

  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#pumping;
    const running = Promise.allSettled([...this.#running.values()]);
    const grace = new Promise<void>((resolve) =>
      setTimeout(resolve, this.#options.stopGraceMs ?? 10_000).unref(),
    );
    await Promise.race([running, grace]);
    this.#abort.abort(new Error('the queue stopped'));
    await running;
    await this.#settler.close();
  }

  /** Claims queued runs while there is room; one pass at a time, again if asked meanwhile. */
  #pump(): Promise<void> {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return this.#pumping;
    }
    this.#pumping = (async () => {
      do {
        this.#pumpAgain = false;
        await this.#claimWhileRoom();
      } while (this.#pumpAgain && !this.#stopping);
    })()
      .catch((error: unknown) => this.#options.logger.error({ err: error }, 'claiming queued runs failed'))
      .finally(() => {
        this.#pumping = undefined;
      });
    return this.#pumping;
  }

  async #claimWhileRoom(): Promise<void> {
    // The claim joins the endings waiting to be stored, in the next transaction.
    while (!this.#stopping && this.#concurrency - this.#executing - this.#reserved > 0) {
      const full = await this.#settler.submit({ kind: 'claim' });
      if (!full) return;
    }
  }

  /**
   * Stores a batch of endings and, in the same transaction, claims runs for the free room. A
   * claim request answers whether it filled the room (more runs may be queued).
   */
  async #settle(items: readonly SettleItem[]): Promise<BatchOutcome<boolean>[]> {
    const completions = items.flatMap((item) => (item.kind === 'finish' ? [item.completion] : []));
    const room = this.#stopping ? 0 : Math.max(0, this.#concurrency - this.#executing - this.#reserved);
    this.#reserved += room;
    let result: Awaited<ReturnType<Store['runs']['finishAndClaim']>>;
    try {
      result = await this.#options.store.runs.finishAndClaim({
        completions,
        claim: { workerId: this.workerId, limit: room, now: new Date(this.#options.clock.now()) },
      });
    } catch (error) {
      // Nothing was claimed: look again once this batch has settled.
      setImmediate(() => void this.enqueue([]));
      throw error;
    } finally {
      this.#reserved -= room;
    }
    // A claim short of the room found the table empty; new runs come with an enqueue.
    for (const run of result.claimed) this.#launch(run);
    const full = room > 0 && result.claimed.length === room;
    const stored = new Set(result.stored);
    return items.map((item) => ({
      ok: true,
      value: item.kind === 'finish' ? stored.has(item.completion.runId) : full,
    }));
  }

  #launch(run: RunRecord): void {
    this.#executing += 1;
    const done = this.#execute(run).finally(() => {
      this.#running.delete(run.id);
    });
    this.#running.set(run.id, done);
  }

  async #execute(run: RunRecord): Promise<void> {
    const { handler, clock, logger } = this.#options;
    let outcome: RunOutcome;
    try {
      outcome = await runOutcome(handler, run, this.#abort.signal);
    } finally {
      this.#executing -= 1;
    }
    try {
      const stored = await this.#settler.submit({
        kind: 'finish',
        completion: { runId: run.id, workerId: this.workerId, ...outcome, finishedAt: new Date(clock.now()) },
      });
      if (!stored) logger.warn({ runId: run.id }, DROPPED_ENDING_MESSAGE);
    } catch (error) {
      logger.error({ err: error, runId: run.id }, 'storing how a run ended failed');
    }
    this.#options.onEnded?.(run, outcome);
  }

  async #heartbeat(): Promise<void> {
    if (this.#running.size > 0) await heartbeat(this.#liveness);
  }
}
