import { fixedClock } from '@tripline/sdk';
import { describe, expect, it, vi } from 'vitest';
import type { Store } from '../store/store.js';
import type { IntervalTimers } from '../subscriptions/periodic-job.js';
import { silentLogger } from '../subscriptions/subscription-fixture.test-helpers.js';
import { logRetention } from './log-retention.js';

/** Timers a test fires by hand. */
function manualTimers() {
  const callbacks = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: IntervalTimers = {
    setInterval: (callback, ms) => {
      const handle = next++;
      callbacks.set(handle, { callback, ms });
      return handle;
    },
    clearInterval: (handle) => {
      callbacks.delete(handle as number);
    },
  };
  const fire = () => {
    for (const { callback } of callbacks.values()) callback();
  };
  return { timers, callbacks, fire };
}

describe('logRetention', () => {
  const clock = fixedClock(Date.parse('2026-03-15T00:00:00Z'));
  const config = { retention: { maxLogsPerEndpoint: 500, maxLogAgeDays: 7 } };

  function storeWithPrune(prune: Store['requestLogs']['prune']): Store {
    return { requestLogs: { prune } } as unknown as Store;
  }

  it('prunes with the configured count and age', async () => {
    const prune = vi.fn(async () => 3);
    const job = logRetention({ store: storeWithPrune(prune), clock, logger: silentLogger, config });
    await job.runOnce();
    expect(prune).toHaveBeenCalledWith({
      maxPerEndpoint: 500,
      olderThan: new Date('2026-03-08T00:00:00Z'),
    });
  });

  it('runs on its interval once started, and no more once stopped', async () => {
    const prune = vi.fn(async () => 0);
    const manual = manualTimers();
    const job = logRetention({
      store: storeWithPrune(prune),
      clock,
      logger: silentLogger,
      config,
      intervalMs: 60_000,
      timers: manual.timers,
    });
    job.start();
    job.start();
    expect([...manual.callbacks.values()].map(({ ms }) => ms)).toEqual([60_000]);
    manual.fire();
    await vi.waitFor(() => expect(prune).toHaveBeenCalledTimes(1));
    job.stop();
    expect(manual.callbacks.size).toBe(0);
  });

  it('does not overlap passes, and logs a failed pass instead of throwing', async () => {
    let release: () => void = () => {};
    const prune = vi.fn(
      () =>
        new Promise<number>((_resolve, reject) => {
          release = () => reject(new Error('database is locked'));
        }),
    );
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_fields: object, message: string) => errors.push(message) };
    const job = logRetention({ store: storeWithPrune(prune), clock, logger, config });
    const first = job.runOnce();
    const second = job.runOnce();
    expect(prune).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);
    expect(errors).toEqual(['request log retention failed']);
  });
});
