import type { RunRecord } from '../store/workflow-records.js';

/** How a run ended, as its handler reports it; the queue stores it. */
export interface RunOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
  readonly trace: RunRecord['trace'];
}

/**
 * Executes one claimed run. It should not throw: a throw fails the run with the error's message.
 * `signal` aborts when the queue stops.
 */
export type RunHandler = (run: RunRecord, signal: AbortSignal) => Promise<RunOutcome>;

/**
 * Told once a run's ending was stored (or storing it was attempted and failed), so that whoever
 * hears of it, e.g. a listener's stream, finds the ending in the store when it looks.
 */
export type RunEndedListener = (run: RunRecord, outcome: RunOutcome) => void;

/**
 * The run queue port. Runs are stored first (status `queued`), then enqueued by id; an adapter
 * hands each to one worker at a time, within its concurrency, and stores how it ended. A run
 * found running with no live worker is failed with a reason, never left running and never
 * started twice (its nodes may have had effects); it can be retried.
 *
 * Adapters: queue/local (workers in this process, over the runs table); a BullMQ adapter for
 * several processes keeps the same contract, with enqueue adding jobs keyed by run id.
 */
export interface RunQueue {
  /** Idempotent: asks for stored, queued runs to be started; an adapter may pick others first. */
  enqueue(runIds: readonly string[]): Promise<void>;
  /** Recovers abandoned runs, then starts taking queued ones. */
  start(): Promise<void>;
  /** Takes no new runs, stops the running ones (they fail as interrupted) and waits for them. */
  stop(): Promise<void>;
}
