import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { RunHandler } from '../queue.js';
import { describeRunQueueContract } from '../run-queue.contract.js';
import { recording, succeed, useRunQueueFixture } from '../run-queue-fixture.test-helpers.js';
import { LocalRunQueue, type LocalRunQueueOptions } from './local-run-queue.js';

// Polls are left out of the way (a minute): the cases see what enqueue and start do.
describeRunQueueContract(
  'LocalRunQueue',
  (options) => new LocalRunQueue({ ...options, logger: silentLogger, pollIntervalMs: 60_000 }),
);

describe('LocalRunQueue', () => {
  const fixture = useRunQueueFixture();
  const { clock, queued, get } = fixture;

  function queue(handler: RunHandler, options: Partial<LocalRunQueueOptions> = {}): LocalRunQueue {
    return fixture.track(
      new LocalRunQueue({
        store: fixture.store(),
        handler,
        clock,
        logger: silentLogger,
        pollIntervalMs: 60_000,
        ...options,
      }),
    );
  }

  it('claims the next runs in the transaction that stores the endings', async () => {
    const runs = await queued(6);
    const store = fixture.store();
    const calls: { completions: number; claimed: number }[] = [];
    const finishAndClaim = store.runs.finishAndClaim.bind(store.runs);
    store.runs.finishAndClaim = async (input) => {
      const result = await finishAndClaim(input);
      calls.push({ completions: input.completions.length, claimed: result.claimed.length });
      return result;
    };
    const worker = queue(succeed, { concurrency: 2 });
    await worker.start();
    await worker.drain();
    for (const run of runs) expect((await get(run.id))?.status).toBe('succeeded');
    // Only the first claim is a transaction of its own; each later one rides with endings.
    expect(calls.filter((call) => call.completions === 0 && call.claimed > 0)).toHaveLength(1);
    expect(calls.reduce((sum, call) => sum + call.claimed, 0)).toBe(6);
    expect(calls.reduce((sum, call) => sum + call.completions, 0)).toBe(6);
  });

  it('fails, at start, a run left running by a dead process when it is the only process', async () => {
    const [left, waiting] = await queued(2);
    await fixture.store().runs.claim({ workerId: 'dead-process', limit: 1, now: new Date(clock.now()) });
    const ran: string[] = [];
    const worker = queue(recording(ran), { exclusive: true });
    await worker.start();
    await worker.drain();
    expect(await get(left!.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^interrupted: the process running it stopped/),
      finishedAt: new Date(clock.now()),
    });
    expect(ran).toEqual([waiting!.id]);
  });

  it('drain resolves once no run is queued or running', async () => {
    const runs = await queued(3);
    const worker = queue(succeed, { concurrency: 1 });
    await worker.start();
    await worker.drain();
    for (const run of runs) expect((await get(run.id))?.status).toBe('succeeded');
  });
});
