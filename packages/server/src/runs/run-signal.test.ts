import { describe, expect, it } from 'vitest';
import { runSignal } from './run-signal.js';

describe('runSignal', () => {
  it('aborts with its parent, not timed out', () => {
    const parent = new AbortController();
    const limit = runSignal(parent.signal, 60_000);
    parent.abort(new Error('stopping'));
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as Error).message).toBe('stopping');
    expect(limit.timedOut()).toBe(false);
    limit.dispose();
  });

  it('aborts as timed out once its time limit passes', async () => {
    const limit = runSignal(undefined, 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(limit.signal.aborted).toBe(true);
    expect(limit.timedOut()).toBe(true);
  });

  it('starts aborted under an aborted parent', () => {
    const parent = new AbortController();
    parent.abort();
    expect(runSignal(parent.signal, 60_000).signal.aborted).toBe(true);
  });

  it('no longer follows its parent or its timer once disposed', async () => {
    const parent = new AbortController();
    const limit = runSignal(parent.signal, 5);
    limit.dispose();
    parent.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(limit.signal.aborted).toBe(false);
  });
});
