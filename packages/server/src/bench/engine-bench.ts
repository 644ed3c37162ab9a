import { performance } from 'node:perf_hooks';
import { systemClock } from '@tripline/sdk';
import { LocalRunQueue } from '../queue/local/local-run-queue.js';
import { prepareEngineBench, quietLogger } from './engine-bench-setup.js';
import { TraceStats } from './trace-stats.js';

export interface EngineBenchWindow {
  readonly runs: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
}

export interface EngineBenchResult {
  readonly template: boolean;
  readonly concurrency: number;
  readonly warmupSeconds: number;
  /** The measured windows, after the warm-up. */
  readonly windows: readonly EngineBenchWindow[];
  /** The median of the windows' runs per second: the figure of the benchmark. */
  readonly runsPerSecond: number;
  /** Runs that ended in the measured windows, and how many of them succeeded. */
  readonly runs: number;
  readonly succeeded: number;
  /** Runs queued before the start; the queue ran dry before the end when all of them ended. */
  readonly queued: number;
  readonly queueRanDry: boolean;
  /** Mean time inside each node type, from the measured runs' traces (ms resolution). */
  readonly meanNodeMs: Readonly<Record<string, number>>;
  /** Mean of a measured run's first node start to its last node end. */
  readonly meanRunMs: number;
}

/**
 * Runs per second of one process, steady state: the 5-node bench workflow (bench-workflow.ts)
 * worked by the local queue at `concurrency`, with the real executor and sandbox, from runs queued
 * in SQLite beforehand (enough for `maxRate` runs a second throughout). Runs ending during the
 * warm-up are not counted; then `windows` windows of `windowSeconds` each are timed, counting
 * runs as their handlers return, and their median is the figure.
 */
export async function runEngineBench(input: {
  readonly template: boolean;
  readonly concurrency: number;
  readonly warmupSeconds: number;
  readonly windowSeconds: number;
  readonly windows: number;
  readonly maxRate: number;
}): Promise<EngineBenchResult> {
  const totalSeconds = input.warmupSeconds + input.windows * input.windowSeconds;
  const queued = Math.ceil(input.maxRate * totalSeconds);
  const fixture = await prepareEngineBench({ runs: queued, template: input.template });
  try {
    const stats = new TraceStats();
    let ended = 0;
    let measuring = false;
    let measured = 0;
    let succeeded = 0;
    const queue = new LocalRunQueue({
      store: fixture.store,
      clock: systemClock,
      logger: quietLogger,
      concurrency: input.concurrency,
      exclusive: true,
      handler: async (run, signal) => {
        const outcome = await fixture.processor.handle(run, signal);
        ended += 1;
        if (measuring) {
          measured += 1;
          if (outcome.status === 'succeeded') succeeded += 1;
          stats.add(outcome.trace);
        }
        return outcome;
      },
    });
    const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await queue.start();
    await sleep(input.warmupSeconds);
    measuring = true;
    const windows: EngineBenchWindow[] = [];
    let from = { at: performance.now(), ended };
    for (let index = 0; index < input.windows; index += 1) {
      await sleep(input.windowSeconds);
      const to = { at: performance.now(), ended };
      const seconds = (to.at - from.at) / 1000;
      windows.push({
        runs: to.ended - from.ended,
        seconds,
        runsPerSecond: (to.ended - from.ended) / seconds,
      });
      from = to;
    }
    measuring = false;
    await queue.stop();
    return {
      template: input.template,
      concurrency: input.concurrency,
      warmupSeconds: input.warmupSeconds,
      windows,
      runsPerSecond: median(windows.map((window) => window.runsPerSecond)),
      runs: measured,
      succeeded,
      queued,
      queueRanDry: ended >= queued,
      meanNodeMs: stats.meanNodeMs(),
      meanRunMs: stats.meanRunMs(),
    };
  } finally {
    await fixture.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
