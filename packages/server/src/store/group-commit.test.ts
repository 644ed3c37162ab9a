import { describe, expect, it } from 'vitest';
import { type BatchOutcome, GroupCommit } from './group-commit.js';

interface Deferred {
  readonly items: readonly number[];
  readonly settle: (outcomes: readonly BatchOutcome<string>[] | Error) => void;
}

/** A GroupCommit whose commits wait until the test settles them. */
function controlled(options: { maxBatch?: number; maxInFlight?: number } = {}) {
  const commits: Deferred[] = [];
  const group = new GroupCommit<number, string>({
    commit: (items) =>
      new Promise((resolve, reject) => {
        commits.push({ items, settle: (o) => (o instanceof Error ? reject(o) : resolve(o)) });
      }),
    maxBatch: options.maxBatch ?? 100,
    maxInFlight: options.maxInFlight ?? 1,
  });
  const ok = (items: readonly number[]) => items.map((item) => ({ ok: true as const, value: `#${item}` }));
  return { group, commits, ok };
}

// Two turns: a settled commit schedules the next batch for the turn after its own.
const nextTurn = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

describe('GroupCommit', () => {
  it('submit batches what arrives in one turn into one commit', async () => {
    const { group, commits, ok } = controlled();
    const results = [1, 2, 3].map((item) => group.submit(item));
    await nextTurn();
    expect(commits.map((c) => c.items)).toEqual([[1, 2, 3]]);
    commits[0]?.settle(ok([1, 2, 3]));
    expect(await Promise.all(results)).toEqual(['#1', '#2', '#3']);
  });

  it('submit holds items back while a batch commits, then sends them together', async () => {
    const { group, commits, ok } = controlled({ maxInFlight: 1 });
    const first = group.submit(1);
    await nextTurn();
    const later = [2, 3].map((item) => group.submit(item));
    await nextTurn();
    expect(commits).toHaveLength(1);
    commits[0]?.settle(ok([1]));
    expect(await first).toBe('#1');
    await nextTurn();
    expect(commits.map((c) => c.items)).toEqual([[1], [2, 3]]);
    commits[1]?.settle(ok([2, 3]));
    expect(await Promise.all(later)).toEqual(['#2', '#3']);
  });

  it('submit splits batches at maxBatch and runs up to maxInFlight at once', async () => {
    const { group, commits, ok } = controlled({ maxBatch: 2, maxInFlight: 2 });
    const results = [1, 2, 3, 4, 5].map((item) => group.submit(item));
    await nextTurn();
    expect(commits.map((c) => c.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    commits[0]?.settle(ok([1, 2]));
    await nextTurn();
    expect(commits.map((c) => c.items)).toContainEqual([5]);
    commits[1]?.settle(ok([3, 4]));
    commits[2]?.settle(ok([5]));
    expect(await Promise.all(results)).toEqual(['#1', '#2', '#3', '#4', '#5']);
  });

  it('a failed commit rejects its batch, a failed item only itself', async () => {
    const { group, commits } = controlled();
    const batch = [1, 2].map((item) => group.submit(item));
    await nextTurn();
    commits[0]?.settle(new Error('disk full'));
    await expect(Promise.all(batch)).rejects.toThrow('disk full');
    const mixed = [3, 4].map((item) => group.submit(item));
    await nextTurn();
    commits[1]?.settle([
      { ok: true, value: '#3' },
      { ok: false, error: new Error('bad row') },
    ]);
    expect(await mixed[0]).toBe('#3');
    await expect(mixed[1]).rejects.toThrow('bad row');
  });

  it('close waits for what was submitted, then refuses more', async () => {
    const { group, commits, ok } = controlled();
    const pending = group.submit(1);
    let closed = false;
    const closing = group.close().then(() => {
      closed = true;
    });
    await nextTurn();
    expect(closed).toBe(false);
    commits[0]?.settle(ok([1]));
    await closing;
    expect(await pending).toBe('#1');
    await expect(group.submit(2)).rejects.toThrow(/closed/);
  });

  it('failQueued rejects items not yet handed to a commit', async () => {
    const { group, commits, ok } = controlled();
    const inFlight = group.submit(1);
    await nextTurn();
    const waiting = group.submit(2);
    group.failQueued(new Error('writer died'));
    await expect(waiting).rejects.toThrow('writer died');
    commits[0]?.settle(ok([1]));
    expect(await inFlight).toBe('#1');
  });
});
