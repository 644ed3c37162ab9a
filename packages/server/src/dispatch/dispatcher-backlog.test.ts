import { github } from '@tripline/integrations';
import { describe, expect, it } from 'vitest';
import { InternalEvents } from '../domain/internal-events.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { RunQueue } from '../queue/queue.js';
import type { RequestLogRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { DispatchedLog } from '../store/workflow-records.js';
import {
  githubDeliveryLog,
  githubExample,
  silentLogger,
} from '../workflows/workflow-fixtures.test-helpers.js';
import { Dispatcher } from './dispatcher.js';

const subscription = { id: 'sub-1', workspaceId: 'ws-1' };

/** An inbox in memory, whose calls all settle in microtasks as the SQLite adapter's do. */
function inboxStore(count: number) {
  const pending: RequestLogRecord[] = Array.from({ length: count }, () => ({
    ...githubDeliveryLog(subscription, 'issues', githubExample('issues', 'opened')),
    dispatchedAt: null,
    runs: [],
  }));
  const commits: DispatchedLog[][] = [];
  const store = {
    requestLogs: { listPending: async (limit: number) => pending.slice(0, limit) },
    triggerLinks: { findBySubscriptions: async () => [] },
    runs: {
      commitDispatch: async (input: { readonly logs: readonly DispatchedLog[] }) => {
        commits.push([...input.logs]);
        const done = new Set(input.logs.map((log) => log.logId));
        pending.splice(0, pending.length, ...pending.filter((log) => !done.has(log.id)));
        return { runIds: new Map<string, string>(), created: [] };
      },
    },
  } as unknown as Store;
  return { store, commits };
}

describe('Dispatcher with a backlog', () => {
  it('works one batch per turn of the event loop, so answering requests goes on meanwhile', async () => {
    const { store, commits } = inboxStore(5);
    const queue: RunQueue = { enqueue: async () => {} } as unknown as RunQueue;
    const dispatcher = new Dispatcher({
      store,
      catalog: new IntegrationCatalog([github]),
      queue,
      events: new InternalEvents(),
      clock: { now: () => Date.now() },
      logger: silentLogger,
      batchSize: 2,
    });
    const batchesBeforeOtherWork: number[] = [];
    setImmediate(() => batchesBeforeOtherWork.push(commits.length));
    await dispatcher.dispatchPending();
    expect(commits.map((batch) => batch.length)).toEqual([2, 2, 1]);
    expect(batchesBeforeOtherWork).toEqual([1]);
    expect(commits.flat().every((log) => log.results[0]?.outcome === 'no_listener')).toBe(true);
  });
});
