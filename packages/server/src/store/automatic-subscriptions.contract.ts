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

    it('claimCheck moves nextCheckAt only from the expected time; one of two racing claims wins', async () => {
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
          store.subscriptions.claimCheck(subscription.id, due, lease),
          peer.subscriptions.claimCheck(subscription.id, due, minutesAfter(lease, 1)),
        ]);
        expect(wins.filter(Boolean)).toHaveLength(1);
        const expected = wins[0] ? lease : minutesAfter(lease, 1);
        expect((await store.subscriptions.get(workspaceId, subscription.id))?.nextCheckAt).toEqual(expected);
      }
      expect(await store.subscriptions.listDue(T0, 10)).toEqual([]);

      const [first] = subscriptions;
      if (first === undefined) throw new Error('no subscription created');
      expect(await store.subscriptions.claimCheck(first.id, due, lease)).toBe(false);
      expect(await store.subscriptions.claimCheck(randomUUID(), due, lease)).toBe(false);
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
