import type { Clock } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import type { RunEndedListener, RunHandler, RunQueue } from './queue.js';
import { recording, succeed, useRunQueueFixture } from './run-queue-fixture.test-helpers.js';

/** What every adapter's queue is opened with in the contract; the rest is the adapter's. */
export interface RunQueueContractOptions {
  readonly store: Store;
  readonly handler: RunHandler;
  readonly onEnded?: RunEndedListener;
  readonly clock: Clock;
  readonly concurrency?: number;
  readonly staleAfterMs?: number;
  readonly stopGraceMs?: number;
}

/** A queue as the contract sees it: the port, and the worker id it claims runs under. */
export type RunQueueUnderTest = RunQueue & { readonly workerId: string };

/**
 * The run queue port's contract, run against every adapter. `open` answers a queue that is not
 * started yet, as one process would create it; each call is another process on the same database.
 * Queued runs are found either by being enqueued or, for those stored before start, at start.
 */
export function describeRunQueueContract(
  name: string,
  open: (options: RunQueueContractOptions) => RunQueueUnderTest,
): void {
  describe(`${name} run queue contract`, () => {
    const fixture = useRunQueueFixture();
    const { clock, queued, get, ended } = fixture;
    const queue = (handler: RunHandler, options: Partial<RunQueueContractOptions> = {}) =>
      fixture.track(open({ store: fixture.store(), handler, clock, ...options }));

    it('tells onEnded only once the ending is stored, so a reader told of it finds it', async () => {
      const seen: { status: string; stored: string | undefined }[] = [];
      const told: Promise<void>[] = [];
      const worker = queue(succeed, {
        onEnded: (run, outcome) => {
          told.push(
            get(run.id).then((stored) => {
              seen.push({ status: outcome.status, stored: stored?.status });
            }),
          );
        },
      });
      await worker.start();
      const runs = await queued(3);
      await worker.enqueue(runs.map((run) => run.id));
      await ended(runs);
      await Promise.all(told);
      expect(seen).toEqual(runs.map(() => ({ status: 'succeeded', stored: 'succeeded' })));
    });

    it('runs every enqueued run, never more than its concurrency at once, and stores how each ended', async () => {
      let active = 0;
      let most = 0;
      const worker = queue(
        async (run) => {
          active += 1;
          most = Math.max(most, active);
          await new Promise((resolve) => setTimeout(resolve, 20));
          active -= 1;
          return { status: 'succeeded', outputs: { i: run.inputs.i }, error: null, trace: [] };
        },
        { concurrency: 3 },
      );
      await worker.start();
      const runs = await queued(7);
      await worker.enqueue(runs.map((run) => run.id));
      await ended(runs);
      expect(most).toBe(3);
      for (const [i, run] of runs.entries()) {
        expect(await get(run.id)).toMatchObject({
          status: 'succeeded',
          outputs: { i },
          workerId: worker.workerId,
        });
      }
    });

    it('starts, at start, the runs queued before it started, though no one enqueued them', async () => {
      const runs = await queued(5);
      const worker = queue(succeed, { concurrency: 2 });
      await worker.start();
      await ended(runs);
      for (const run of runs) expect((await get(run.id))?.status).toBe('succeeded');
    });

    it('fails a run whose handler throws, with the message', async () => {
      const worker = queue(async () => {
        throw new Error('the handler broke');
      });
      await worker.start();
      const [run] = await queued(1);
      await worker.enqueue([run!.id]);
      await ended([run!]);
      expect(await get(run!.id)).toMatchObject({ status: 'failed', error: 'the handler broke' });
    });

    it('starts each run once, however often it is enqueued and however many processes take them', async () => {
      const calls = new Map<string, number>();
      const count: RunHandler = async (run) => {
        calls.set(run.id, (calls.get(run.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { status: 'succeeded', outputs: {}, error: null, trace: [] };
      };
      const first = queue(count, { concurrency: 2 });
      const second = queue(count, { concurrency: 2 });
      await Promise.all([first.start(), second.start()]);
      const runs = await queued(6);
      const ids = runs.map((run) => run.id);
      await Promise.all([first.enqueue(ids), second.enqueue(ids), first.enqueue(ids)]);
      await ended(runs);
      // Whatever comes late of the repeated enqueues finds its runs taken and starts nothing.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...calls.values()]).toEqual(ids.map(() => 1));
      expect(calls.size).toBe(6);
    });

    it('leaves a run another live process holds, fails it once that process stops heartbeating, and never starts it', async () => {
      const [held, waiting] = await queued(2);
      await fixture.store().runs.claim({ workerId: 'other-process', limit: 1, now: new Date(clock.now()) });
      const ran: string[] = [];
      const worker = queue(recording(ran), { staleAfterMs: 60_000 });
      await worker.start();
      await worker.enqueue([held!.id, waiting!.id]);
      await ended([waiting!]);
      // Its worker might still be alive: it is left alone until its heartbeat is stale.
      expect((await get(held!.id))?.status).toBe('running');
      clock.advance(61_000);
      await queue(succeed, { staleAfterMs: 60_000 }).start();
      expect(await get(held!.id)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^interrupted: the process running it stopped/),
        finishedAt: new Date(clock.now()),
      });
      expect(ran).toEqual([waiting!.id]);
    });

    it('stop aborts runs still going after the grace time; they end failed', async () => {
      let started!: () => void;
      const running = new Promise<void>((resolve) => {
        started = resolve;
      });
      const worker = queue(
        (_run, signal) =>
          new Promise((resolve) => {
            started();
            signal.addEventListener('abort', () =>
              resolve({ status: 'failed', outputs: null, error: 'stopped with the queue', trace: [] }),
            );
          }),
        { stopGraceMs: 10 },
      );
      await worker.start();
      const [run] = await queued(1);
      await worker.enqueue([run!.id]);
      await running;
      await worker.stop();
      expect(await get(run!.id)).toMatchObject({ status: 'failed', error: 'stopped with the queue' });
    });
  });
}
