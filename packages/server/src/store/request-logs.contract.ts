import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubscription, minutesAfter, newLog, seedWorkspace, T0 } from './contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';
import type { Store } from './store.js';

async function endpointOf(store: Store, name = 'hook'): Promise<{ id: string; workspaceId: string }> {
  const { workspaceId } = await seedWorkspace(store);
  const subscription = await createSubscription(store, workspaceId, name);
  return { id: subscription.id, workspaceId };
}

/** Ids of the pending logs (the dispatcher's inbox), oldest first. */
async function pendingIds(store: Store): Promise<string[]> {
  return (await store.requestLogs.listPending(10_000)).map((log) => log.id);
}

export function describeRequestLogContract({ store: current, openPeer }: StoreContractContext): void {
  describe('delivery writer', () => {
    it('write stores a log that reads back field for field', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const log = newLog(endpoint, {
        headers: { 'x-github-delivery': 'abc' },
        events: [{ name: 'issues', action: 'opened' }],
      });
      expect(await store.deliveries.write(log)).toEqual({ duplicate: false, id: log.id });
      expect(await store.requestLogs.get(endpoint.workspaceId, endpoint.id, log.id)).toEqual({
        ...log,
        dispatchedAt: null,
        runs: [],
      });
      expect(await store.requestLogs.get(randomUUID(), endpoint.id, log.id)).toBeUndefined();
    });

    it('write keeps body bytes exactly, binary and empty and null alike', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const binary = new Uint8Array(512).map((_, i) => (i * 7) % 256);
      binary.set([0xff, 0xfe, 0x00, 0xc3, 0x28], 100); // not UTF-8
      const logs = [binary, new Uint8Array(0), null].map((body) =>
        newLog(endpoint, { body, deliveryId: null }),
      );
      await Promise.all(logs.map((log) => store.deliveries.write(log)));
      for (const log of logs) {
        const stored = await store.requestLogs.get(endpoint.workspaceId, endpoint.id, log.id);
        expect(stored?.body).toEqual(log.body);
      }
    });

    it('write resolves 500 concurrent writes, each stored once', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const body = new Uint8Array(8192).fill(0x61);
      const logs = Array.from({ length: 500 }, () => newLog(endpoint, { body }));
      const receipts = await Promise.all(logs.map((log) => store.deliveries.write(log)));
      expect(receipts).toEqual(logs.map((log) => ({ duplicate: false, id: log.id })));
      expect(await pendingIds(store)).toHaveLength(500);
    });

    it('write answers a repeated delivery id as a duplicate with the first response', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const first = newLog(endpoint, { deliveryId: 'd-1', responseBody: '{"first":true}' });
      await store.deliveries.write(first);
      const again = newLog(endpoint, {
        deliveryId: 'd-1',
        responseStatus: 200,
        responseBody: '{"second":true}',
      });
      expect(await store.deliveries.write(again)).toEqual({
        duplicate: true,
        id: again.id,
        original: {
          id: first.id,
          responseStatus: 202,
          responseHeaders: first.responseHeaders,
          responseBody: '{"first":true}',
        },
      });
      const stored = await store.requestLogs.get(endpoint.workspaceId, endpoint.id, again.id);
      expect(stored).toMatchObject({
        outcome: 'duplicate',
        dispatchState: 'none',
        responseBody: '{"first":true}',
      });
      expect(await pendingIds(store)).toEqual([first.id]);
    });

    it('write tells duplicates apart within one batch', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const logs = [1, 2, 3].map(() => newLog(endpoint, { deliveryId: 'same' }));
      const receipts = await Promise.all(logs.map((log) => store.deliveries.write(log)));
      const originals = receipts.filter((receipt) => !receipt.duplicate);
      expect(originals).toHaveLength(1);
      for (const receipt of receipts) {
        if (receipt.duplicate) expect(receipt.original.id).toBe(originals[0]?.id);
      }
      expect(await pendingIds(store)).toHaveLength(1);
    });

    it('write treats replays, refused requests and other endpoints as no duplicates', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const neighbour = await endpointOf(store, 'neighbour');
      const refused = newLog(endpoint, { deliveryId: 'x', outcome: 'unauthorized', dispatchState: 'none' });
      const original = newLog(endpoint, { deliveryId: 'x' });
      const replays = [1, 2].map(() => newLog(endpoint, { deliveryId: 'x', replayOf: original.id }));
      const elsewhere = newLog(neighbour, { deliveryId: 'x' });
      for (const log of [refused, original, ...replays, elsewhere]) {
        expect(await store.deliveries.write(log)).toEqual({ duplicate: false, id: log.id });
      }
    });

    it('write fails only the row that breaks a constraint, not its batch', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const log = newLog(endpoint);
      const results = await Promise.allSettled([
        store.deliveries.write(log),
        store.deliveries.write({ ...log, deliveryId: 'other' }),
        store.deliveries.write(newLog(endpoint)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(results[2]?.status).toBe('fulfilled');
    });

    it('two stores over one database agree on which write came first', async () => {
      const store = current();
      const peer = await openPeer();
      const endpoint = await endpointOf(store);
      const logs = Array.from({ length: 40 }, (_, i) => newLog(endpoint, { deliveryId: `d-${i % 10}` }));
      const receipts = await Promise.all(
        logs.map((log, i) => (i % 2 === 0 ? store : peer).deliveries.write(log)),
      );
      expect(receipts.filter((receipt) => !receipt.duplicate)).toHaveLength(10);
      expect(await pendingIds(store)).toHaveLength(10);
    });

    it('close flushes queued writes, then refuses new ones', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const writes = Array.from({ length: 20 }, () => store.deliveries.write(newLog(endpoint)));
      await store.deliveries.close();
      expect(await Promise.all(writes)).toHaveLength(20);
      await expect(store.deliveries.write(newLog(endpoint))).rejects.toThrow(/closed/);
    });
  });

  describe('request logs', () => {
    it('list pages newest first with a before cursor and an outcome filter', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const logs = Array.from({ length: 5 }, (_, i) =>
        newLog(endpoint, i === 2 ? { outcome: 'unauthorized', dispatchState: 'none', deliveryId: null } : {}),
      );
      for (const log of logs) await store.deliveries.write(log);
      const ids = logs.map((log) => log.id).reverse();
      const query = { workspaceId: endpoint.workspaceId, endpointId: endpoint.id };
      const page1 = await store.requestLogs.list({ ...query, limit: 2 });
      expect(page1.map((log) => log.id)).toEqual(ids.slice(0, 2));
      const page2 = await store.requestLogs.list({ ...query, limit: 2, before: page1[1]?.id });
      expect(page2.map((log) => log.id)).toEqual(ids.slice(2, 4));
      const refused = await store.requestLogs.list({ ...query, limit: 10, outcome: 'unauthorized' });
      expect(refused.map((log) => log.id)).toEqual([logs[2]?.id]);
    });

    it('listPending and markDispatched work the inbox oldest first', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const logs = [1, 2, 3].map(() => newLog(endpoint));
      for (const log of logs) await store.deliveries.write(log);
      expect((await store.requestLogs.listPending(2)).map((log) => log.id)).toEqual([
        logs[0]?.id,
        logs[1]?.id,
      ]);
      const at = minutesAfter(T0, 1);
      await store.requestLogs.markDispatched(logs[0]!.id, ['run-1', 'run-2'], at);
      expect((await store.requestLogs.listPending(10)).map((log) => log.id)).toEqual([
        logs[1]?.id,
        logs[2]?.id,
      ]);
      expect(await store.requestLogs.get(endpoint.workspaceId, endpoint.id, logs[0]!.id)).toMatchObject({
        dispatchState: 'done',
        dispatchedAt: at,
        runs: ['run-1', 'run-2'],
      });
    });

    it('prune enforces the count and the age but keeps pending rows', async () => {
      const store = current();
      const endpoint = await endpointOf(store);
      const neighbour = await endpointOf(store, 'neighbour');
      const old = newLog(endpoint, { receivedAt: T0, dispatchState: 'none', outcome: 'no_events' });
      const oldPending = newLog(endpoint, { receivedAt: T0 });
      const recent = Array.from({ length: 4 }, () =>
        newLog(endpoint, { receivedAt: minutesAfter(T0, 60), dispatchState: 'none', outcome: 'no_events' }),
      );
      const newestPending = newLog(endpoint, { receivedAt: minutesAfter(T0, 60) });
      const neighbours = [1, 2].map(() =>
        newLog(neighbour, { receivedAt: minutesAfter(T0, 60), dispatchState: 'none', outcome: 'no_events' }),
      );
      for (const log of [old, oldPending, ...recent, newestPending, ...neighbours]) {
        await store.deliveries.write(log);
      }
      // Kept: the newest three of each endpoint, and every pending row, however old.
      const deleted = await store.requestLogs.prune({ maxPerEndpoint: 3, olderThan: minutesAfter(T0, 30) });
      expect(deleted).toBe(3);
      const left = await store.requestLogs.list({
        workspaceId: endpoint.workspaceId,
        endpointId: endpoint.id,
        limit: 50,
      });
      expect(left.map((log) => log.id)).toEqual([
        newestPending.id,
        recent[3]?.id,
        recent[2]?.id,
        oldPending.id,
      ]);
      const neighbourLeft = await store.requestLogs.list({
        workspaceId: neighbour.workspaceId,
        endpointId: neighbour.id,
        limit: 50,
      });
      expect(neighbourLeft.map((log) => log.id)).toEqual(neighbours.map((log) => log.id).reverse());
    });
  });
}
