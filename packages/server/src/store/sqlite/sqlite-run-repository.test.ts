import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { minutesAfter, newLog, T0 } from '../contract-fixtures.js';
import { SqlRunRepository } from '../sql/sql-run-repository.js';
import type { EventDispatch } from '../workflow-records.js';
import { SqliteStore } from './sqlite-store.js';
import { SqliteWriterThread } from './sqlite-writer-thread.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tripline-sqlite-runs-'));
const writerThread = new SqliteWriterThread();
afterAll(async () => {
  await writerThread.stop();
  rmSync(dir, { recursive: true, force: true });
});

const endpoint = { id: 'sub-1', workspaceId: 'ws-1' };
const noListener: EventDispatch[] = [{ index: 0, name: 'push', outcome: 'no_listener', triggers: [] }];
const filtered: EventDispatch[] = [
  {
    index: 0,
    name: 'push',
    outcome: 'triggered',
    triggers: [{ outcome: 'filtered_out', workflowId: 'wf-1', nodeId: 'n-1', reason: 'another branch' }],
  },
];

describe('SqliteRunRepository.commitDispatch', () => {
  let store: SqliteStore;
  let files = 0;
  beforeEach(async () => {
    store = new SqliteStore({ file: path.join(dir, `runs-${++files}.db`), writerThread });
    await store.migrate();
  });
  afterEach(() => store.close());

  it('has the delivery writer thread mark deliveries that started nothing, with their results', async () => {
    const logs = [newLog(endpoint), newLog(endpoint), newLog(endpoint)];
    for (const log of logs) await store.deliveries.write(log);
    const mainConnection = vi.spyOn(SqlRunRepository.prototype, 'commitDispatch');
    const marked = vi.spyOn(store.deliveries, 'markUnstarted');
    const at = minutesAfter(T0, 1);
    try {
      const commit = await store.runs.commitDispatch({
        runs: [],
        logs: logs.map((log, index) => ({ logId: log.id, results: index === 2 ? filtered : noListener })),
        now: at,
      });
      expect(commit).toEqual({ runIds: new Map(), created: [] });
      expect(mainConnection).not.toHaveBeenCalled();
      expect(marked.mock.calls[0]?.[0].map((log) => log.logId)).toEqual(logs.map((log) => log.id));
    } finally {
      mainConnection.mockRestore();
      marked.mockRestore();
    }
    expect(await store.requestLogs.listPending(10)).toEqual([]);
    for (const log of logs) {
      expect(await store.requestLogs.get(endpoint.workspaceId, endpoint.id, log.id)).toMatchObject({
        dispatchState: 'done',
        dispatchedAt: at,
        runs: [],
      });
    }
    const results = await store.requestLogs.dispatchResults(
      endpoint.workspaceId,
      logs.map((log) => log.id),
    );
    expect(logs.map((log) => results.get(log.id))).toEqual([noListener, noListener, filtered]);
  });

  it('marks while deliveries are being stored, and a repeated mark changes nothing', async () => {
    const first = newLog(endpoint);
    await store.deliveries.write(first);
    const second = newLog(endpoint);
    const mark = () =>
      store.runs.commitDispatch({ runs: [], logs: [{ logId: first.id, results: noListener }], now: T0 });
    await Promise.all([mark(), store.deliveries.write(second)]);
    await mark();
    expect((await store.requestLogs.listPending(10)).map((log) => log.id)).toEqual([second.id]);
    expect((await store.requestLogs.dispatchResults(endpoint.workspaceId, [first.id])).get(first.id)).toEqual(
      noListener,
    );
  });

  it('refuses marks once the store is closing', async () => {
    const log = newLog(endpoint);
    await store.deliveries.write(log);
    const closing = store.close();
    await expect(
      store.runs.commitDispatch({ runs: [], logs: [{ logId: log.id, results: noListener }], now: T0 }),
    ).rejects.toThrow(/closed/);
    await closing;
  });
});
