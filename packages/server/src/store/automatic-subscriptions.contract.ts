import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builderRecord, minutesAfter, seedWorkspace, subscriptionFrom, T0 } from './contract-fixtures.js';
import type { SubscriptionRecord } from './records.js';
import type { StoreContractContext } from './store.contract.js';
import type { Store } from './store.js';

/** Creates a subscription the usual way, with the given fields of the subscription set. */
async function createWith(
  store: Store,
  workspaceId: string,
  name: string,
  fields: Partial<SubscriptionRecord> = {},
): Promise<SubscriptionRecord> {
  const builder = builderRecord(workspaceId, { method: 'oauth' });
  await store.builders.insert(builder);
  return store.subscriptions.createFromBuilder({
    builderId: builder.id,
    subscription: { ...subscriptionFrom(builder, name), ...fields },
    limit: 10,
  });
}

export function describeAutomaticSubscriptionContract({
  store: current,
  openPeer,
}: StoreContractContext): void {
  describe('automatic subscriptions', () => {
    it('builders round-trip and patch credentialId', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const credentialId = randomUUID();
      const builder = builderRecord(workspaceId, { method: 'oauth', credentialId });
      await store.builders.insert(builder);
      expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
      expect(await store.builders.findLive(builder.id, T0)).toEqual(builder);
      const relinked = await store.builders.update(workspaceId, builder.id, { credentialId: 'another' });
      expect(relinked).toEqual({ ...builder, credentialId: 'another' });
      expect(await store.builders.update(workspaceId, builder.id, { credentialId: null })).toEqual({
        ...builder,
        credentialId: null,
      });
    });

    it('subscriptions round-trip and patch the check fields and credentialId', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const fields = {
        credentials: null,
        credentialId: randomUUID(),
        nextCheckAt: minutesAfter(T0, 60),
        checkFailures: 2,
        lastCheckedAt: minutesAfter(T0, -5),
      };
      const created = await createWith(store, workspaceId, 'auto', fields);
      expect(created).toMatchObject(fields);
      expect(await store.subscriptions.get(workspaceId, created.id)).toEqual(created);
      expect(await store.subscriptions.findById(created.id)).toEqual(created);

      const later = minutesAfter(T0, 1);
      const checked = { nextCheckAt: minutesAfter(T0, 120), checkFailures: 0, lastCheckedAt: later };
      const updated = await store.subscriptions.update(workspaceId, created.id, {
        ...checked,
        updatedAt: later,
      });
      expect(updated).toEqual({ ...created, ...checked, updatedAt: later });
      const cleared = { nextCheckAt: null, lastCheckedAt: null, credentialId: null };
      expect(
        await store.subscriptions.update(workspaceId, created.id, { ...cleared, updatedAt: later }),
      ).toEqual({ ...created, ...checked, ...cleared, updatedAt: later });
    });

    it('listDue answers due subscriptions of every workspace, earliest first, at most `limit`', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const at = (minutes: number) => minutesAfter(T0, minutes);
      const third = await createWith(store, workspaceId, 'third', { nextCheckAt: at(0) });
      const first = await createWith(store, workspaceId, 'first', { nextCheckAt: at(-10) });
      const second = await createWith(store, other.workspaceId, 'second', { nextCheckAt: at(-5) });
      await createWith(store, workspaceId, 'later', { nextCheckAt: at(1) });
      await createWith(store, workspaceId, 'manual', { nextCheckAt: null });

      const ids = async (limit: number) => (await store.subscriptions.listDue(T0, limit)).map((s) => s.id);
      expect(await ids(10)).toEqual([first.id, second.id, third.id]);
      expect(await ids(2)).toEqual([first.id, second.id]);
      expect((await store.subscriptions.listDue(T0, 1))[0]).toEqual(first);
      expect(await store.subscriptions.listDue(at(-11), 10)).toEqual([]);
    });

    it('claimCheck takes a free lease only from the expected check time; one of two racing claims wins', async () => {
      const store = current();
      const peer = await openPeer();
      const { workspaceId } = await seedWorkspace(store);
      const due = minutesAfter(T0, -1);
      const lease = minutesAfter(T0, 5);
      const subscriptions = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          createWith(store, workspaceId, `hook ${i}`, { nextCheckAt: due }),
        ),
      );
      for (const subscription of subscriptions) {
        const wins = await Promise.all([
          store.subscriptions.claimCheck({ id: subscription.id, expected: due, now: T0, leaseUntil: lease }),
          peer.subscriptions.claimCheck({
            id: subscription.id,
            expected: due,
            now: T0,
            leaseUntil: minutesAfter(lease, 1),
          }),
        ]);
        expect(wins.filter(Boolean)).toHaveLength(1);
        // The lease is apart from the schedule: the record still says when the check was due.
        expect(await store.subscriptions.get(workspaceId, subscription.id)).toEqual(subscription);
      }
      // Leased checks are not due for anyone else until the lease runs out.
      expect(await store.subscriptions.listDue(T0, 10)).toEqual([]);
      expect(await store.subscriptions.listDue(minutesAfter(lease, 1), 10)).toHaveLength(5);

      const [first, second] = subscriptions;
      if (first === undefined || second === undefined) throw new Error('no subscription created');
      const claim = (id: string, now: Date, expected = due) =>
        store.subscriptions.claimCheck({ id, expected, now, leaseUntil: minutesAfter(now, 5) });
      expect(await claim(first.id, T0)).toBe(false);
      expect(await claim(randomUUID(), T0)).toBe(false);
      // A lease that ran out is free again; a check time moved since the read is not.
      expect(await claim(first.id, minutesAfter(lease, 1), minutesAfter(due, -1))).toBe(false);
      expect(await claim(first.id, minutesAfter(lease, 1))).toBe(true);
    });

    it('releaseCheck ends only the lease it names', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const due = minutesAfter(T0, -1);
      const subscription = await createWith(store, workspaceId, 'leased', { nextCheckAt: due });
      const claim = (leaseUntil: Date) =>
        store.subscriptions.claimCheck({ id: subscription.id, expected: due, now: T0, leaseUntil });
      expect(await claim(minutesAfter(T0, 5))).toBe(true);
      await store.subscriptions.releaseCheck(subscription.id, minutesAfter(T0, 6));
      expect(await claim(minutesAfter(T0, 7))).toBe(false);
      await store.subscriptions.releaseCheck(subscription.id, minutesAfter(T0, 5));
      expect((await store.subscriptions.listDue(T0, 10)).map((s) => s.id)).toEqual([subscription.id]);
      expect(await claim(minutesAfter(T0, 7))).toBe(true);
    });

    it('listByCredential answers the subscriptions of one credential, within the workspace only', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const credentialId = randomUUID();
      const a = await createWith(store, workspaceId, 'a', { credentialId });
      const b = await createWith(store, workspaceId, 'b', { credentialId, createdAt: minutesAfter(T0, 1) });
      await createWith(store, workspaceId, 'unrelated', { credentialId: randomUUID() });
      await createWith(store, workspaceId, 'manual');
      await createWith(store, other.workspaceId, 'a', { credentialId });

      expect(await store.subscriptions.listByCredential(workspaceId, credentialId)).toEqual([a, b]);
      expect(await store.subscriptions.listByCredential(workspaceId, randomUUID())).toEqual([]);
      const theirs = await store.subscriptions.listByCredential(other.workspaceId, credentialId);
      expect(theirs.map((s) => [s.workspaceId, s.name])).toEqual([[other.workspaceId, 'a']]);
    });

    it('setStatusByCredential sets the status of every subscription of the credential and counts them', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const credentialId = randomUUID();
      const a = await createWith(store, workspaceId, 'a', { credentialId });
      const b = await createWith(store, workspaceId, 'b', { credentialId });
      const unrelated = await createWith(store, workspaceId, 'unrelated', { credentialId: randomUUID() });
      const manual = await createWith(store, workspaceId, 'manual');
      const later = minutesAfter(T0, 3);

      expect(
        await store.subscriptions.setStatusByCredential(
          credentialId,
          'unauthorized',
          'refresh failed',
          later,
        ),
      ).toBe(2);
      const changed = { status: 'unauthorized', statusReason: 'refresh failed', updatedAt: later };
      expect(await store.subscriptions.get(workspaceId, a.id)).toEqual({ ...a, ...changed });
      expect(await store.subscriptions.get(workspaceId, b.id)).toEqual({ ...b, ...changed });
      expect(await store.subscriptions.get(workspaceId, unrelated.id)).toEqual(unrelated);
      expect(await store.subscriptions.get(workspaceId, manual.id)).toEqual(manual);
      expect(await store.subscriptions.setStatusByCredential(randomUUID(), 'active', null, later)).toBe(0);
    });
  });
}
