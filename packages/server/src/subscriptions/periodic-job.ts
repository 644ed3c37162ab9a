import type { Logger } from '@tripline/sdk';

/** The timer functions a periodic job uses; tests pass fakes. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const nodeTimers: IntervalTimers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    // A housekeeping job must not keep the process alive on its own.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface PeriodicJob {
  start(): void;
  stop(): void;
  /** One pass now; resolves when done (runs never overlap). */
  runOnce(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs`, one pass at a time; a failed pass is logged and the next one
 * tries again.
 */
export function periodicJob(input: {
  readonly name: string;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly timers?: IntervalTimers;
  readonly work: () => Promise<void>;
}): PeriodicJob {
  const timers = input.timers ?? nodeTimers;
  let handle: unknown;
  let running: Promise<void> | undefined;
  const runOnce = (): Promise<void> => {
    running ??= input
      .work()
      .catch((error: unknown) => input.logger.error({ err: error, job: input.name }, `${input.name} failed`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return {
    start() {
      if (handle !== undefined) return;
      handle = timers.setInterval(() => void runOnce(), input.intervalMs);
    },
    stop() {
      if (handle === undefined) return;
      timers.clearInterval(handle);
      handle = undefined;
    },
    runOnce,
  };
}
