import { setMaxListeners } from 'node:events';
import type { Clock, Logger } from '@tripline/sdk';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { newId } from '../../domain/ids.js';
import type { Store } from '../../store/store.js';
import type { RunRecord } from '../../store/workflow-records.js';
import type { RunEndedListener, RunHandler, RunQueue } from '../queue.js';
import { DROPPED_ENDING_MESSAGE, runOutcome } from '../run-outcome.js';
import { failAbandonedRuns, heartbeat, type WorkerLivenessOptions } from '../worker-liveness.js';

export interface BullMqRunQueueOptions {
  readonly store: Store;
  readonly handler: RunHandler;
  /** Told after each ending is stored. */
  readonly onEnded?: RunEndedListener;
  readonly clock: Clock;
  readonly logger: Logger;
  /** `redis://...`, as TRIPLINE_REDIS_URL gives it. */
  readonly redisUrl: string;
  /** BullMQ's key prefix, so several deployments (or test runs) share one Redis. */
  readonly prefix: string;
  /** Runs executing at once in this process. Default 4. */
  readonly concurrency?: number;
  /** How often queued runs without a job (a missed enqueue, a flushed Redis) are looked for. Default 5 s. */
  readonly pollIntervalMs?: number;
  /** How often this worker says it is alive. Default 10 s. */
  readonly heartbeatMs?: number;
  /** A running run whose worker was silent this long is failed as abandoned. Default 60 s. */
  readonly staleAfterMs?: number;
  /** How long stop waits for running runs before aborting them. Default 10 s. */
  readonly stopGraceMs?: number;
}

const QUEUE_NAME = 'runs';

/** A job: the run it was added for, or a sweep that looks for queued runs without a job. */
interface RunJobData {
  readonly runId?: string;
  readonly sweep?: true;
}

const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

/**
 * The run queue across processes: BullMQ jobs on Redis, one per run, its id the run id, so
 * enqueueing a run twice adds one job. The runs table stays the truth, as in the local queue: a
 * job takes the oldest queued run with the store's atomic claim (usually its own run; the port
 * lets it take an older one first), so a run is started once however many jobs name it, and a job
 * whose run was taken already ends doing nothing. Endings are stored with the same calls as the
 * local queue; workers heartbeat, and a run whose worker went silent (its process died, its job
 * stalled) is failed as interrupted, never started again.
 *
 * Redis holding less than the table (flushed, or an enqueue lost while it was down) is repaired
 * by sweeps: at start and at every poll a sweep job claims a queued run, and each sweep that found
 * one adds the next, until the table has no queued run left.
 */
export class BullMqRunQueue implements RunQueue {
  readonly workerId = `bullmq-${newId()}`;
  readonly #options: BullMqRunQueueOptions;
  readonly #concurrency: number;
  readonly #liveness: WorkerLivenessOptions;
  /** Adds jobs; fails fast while Redis is unreachable (the sweeps catch up). */
  readonly #queueConnection: Redis;
  readonly #queue: Queue<RunJobData>;
  #worker: Worker<RunJobData> | undefined;
  readonly #running = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #timers: NodeJS.Timeout[] = [];
  #started = false;
  #stopping: Promise<void> | undefined;
  #redisDown = false;

  constructor(options: BullMqRunQueueOptions) {
    this.#options = options;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    const { store, clock, logger, staleAfterMs = 60_000 } = options;
    this.#liveness = { store, clock, logger, workerId: this.workerId, staleAfterMs };
    setMaxListeners(this.#concurrency + 10, this.#abort.signal);
    this.#queueConnection = new Redis(options.redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.#queueConnection.on('error', (error: Error) => this.#outage(error));
    this.#queueConnection.on('ready', () => {
      this.#redisDown = false;
    });
    this.#queue = new Queue<RunJobData>(QUEUE_NAME, {
      connection: this.#queueConnection,
      prefix: options.prefix,
    });
    this.#queue.on('error', (error) => this.#outage(error));
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#queue.waitUntilReady();
    // Other processes may be running runs: only those whose worker went silent are abandoned.
    await failAbandonedRuns(this.#liveness);
    const { pollIntervalMs = 5_000, heartbeatMs = 10_000 } = this.#options;
    const { staleAfterMs } = this.#liveness;
    this.#worker = new Worker<RunJobData>(QUEUE_NAME, (job) => this.#process(job), {
      // The worker's own connections (BullMQ opens and closes them): its reads wait for Redis to come back.
      connection: { ...redisOptionsFromUrl(this.#options.redisUrl), maxRetriesPerRequest: null },
      prefix: this.#options.prefix,
      concurrency: this.#concurrency,
      // A stalled job is harmless to process again: its run was claimed in the table, once.
      maxStalledCount: 1,
    });
    this.#worker.on('error', (error) => this.#outage(error));
    this.#timers = [
      setInterval(() => void this.#sweep('poll'), pollIntervalMs),
      setInterval(() => void this.#heartbeat(), heartbeatMs),
      setInterval(() => void failAbandonedRuns(this.#liveness), Math.max(staleAfterMs / 2, 1_000)),
    ];
    // Housekeeping must not keep the process alive on its own.
    for (const timer of this.#timers) timer.unref();
    // Queued runs Redis does not know about (a flush, a lost enqueue) are taken up now.
    await this.#sweep('start');
  }

  async enqueue(runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0 || this.#stopping) return;
    // BullMQ would wait for the connection: the runs are stored as queued, a later sweep starts them.
    if (this.#queueConnection.status !== 'ready') {
      this.#outage(new Error(`the Redis connection is ${this.#queueConnection.status}`));
      return;
    }
    try {
      await this.#queue.addBulk(
        runIds.map((runId) => ({ name: 'run', data: { runId }, opts: { ...JOB_OPTIONS, jobId: runId } })),
      );
    } catch (error) {
      // The runs are stored as queued: the next sweep starts them.
      this.#outage(error);
    }
  }

  async stop(): Promise<void> {
    this.#stopping ??= this.#close();
    return this.#stopping;
  }

  async #close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    // Closing the worker takes no new job and waits for the running ones.
    const closing = this.#worker?.close() ?? Promise.resolve();
    const grace = new Promise<void>((resolve) =>
      setTimeout(resolve, this.#options.stopGraceMs ?? 10_000).unref(),
    );
    await Promise.race([closing, grace]);
    this.#abort.abort(new Error('the queue stopped'));
    await Promise.allSettled([...this.#running.values()]);
    await closing.catch((error: unknown) =>
      this.#options.logger.warn({ err: error }, 'closing the run worker failed'),
    );
    await this.#queue.close().catch(() => undefined);
    const connection = this.#queueConnection;
    if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
    else connection.disconnect();
  }

  async #process(job: Job<RunJobData>): Promise<void> {
    const { store, clock } = this.#options;
    if (this.#abort.signal.aborted) return;
    const [run] = await store.runs.claim({ workerId: this.workerId, limit: 1, now: new Date(clock.now()) });
    // Its run was taken by another job, or it is no longer queued: nothing to do.
    if (!run) return;
    // A sweep that found a run asks for another, until the table has none left.
    if (job.data.sweep) void this.#sweep('follow-up');
    const done = this.#execute(run).finally(() => this.#running.delete(run.id));
    this.#running.set(run.id, done);
    await done;
  }

  async #execute(run: RunRecord): Promise<void> {
    const { store, handler, clock, logger } = this.#options;
    const outcome = await runOutcome(handler, run, this.#abort.signal);
    try {
      const stored = await store.runs.finish([
        { runId: run.id, workerId: this.workerId, ...outcome, finishedAt: new Date(clock.now()) },
      ]);
      if (!stored.includes(run.id)) logger.warn({ runId: run.id }, DROPPED_ENDING_MESSAGE);
    } catch (error) {
      logger.error({ err: error, runId: run.id }, 'storing how a run ended failed');
    }
    this.#options.onEnded?.(run, outcome);
  }

  /** Adds a job that claims whatever run is queued: a poll's is one at a time (its id is fixed). */
  async #sweep(reason: 'start' | 'poll' | 'follow-up'): Promise<void> {
    if (this.#stopping || this.#queueConnection.status !== 'ready') return;
    const jobs =
      reason === 'start'
        ? Array.from({ length: this.#concurrency }, () => `sweep-${newId()}`)
        : [reason === 'poll' ? `sweep-${this.workerId}` : `sweep-${newId()}`];
    try {
      await this.#queue.addBulk(
        jobs.map((jobId) => ({ name: 'sweep', data: { sweep: true }, opts: { ...JOB_OPTIONS, jobId } })),
      );
    } catch (error) {
      this.#outage(error);
    }
  }

  async #heartbeat(): Promise<void> {
    if (this.#running.size > 0) await heartbeat(this.#liveness);
  }

  #outage(error: unknown): void {
    if (this.#redisDown) return;
    this.#redisDown = true;
    this.#options.logger.warn(
      { err: error },
      'the run queue cannot reach Redis: queued runs wait in the table until it is back',
    );
  }
}

/** ioredis connection options from a `redis://` or `rediss://` URL, for connections BullMQ opens itself. */
function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || '0');
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || '6379'),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
