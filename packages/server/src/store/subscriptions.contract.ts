import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NameTakenError, NotFoundError, SubscriptionLimitError } from '../domain/errors.js';
import {
  builderRecord,
  createSubscription,
  minutesAfter,
  newLog,
  seedWorkspace,
  subscriptionFrom,
  T0,
} from './contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';

export function describeSubscriptionContract({ store: current }: StoreContractContext): void {
  describe('subscriptions', () => {
    it('createFromBuilder consumes the builder and keeps its id', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const builder = builderRecord(workspaceId);
      await store.builders.insert(builder);
      const subscription = subscriptionFrom(builder, 'main repo');
      const created = await store.subscriptions.createFromBuilder({
        builderId: builder.id,
        subscription,
        limit: 10,
      });
      expect(created).toEqual(subscription);
      expect(created.id).toBe(builder.id);
      expect(await store.builders.get(workspaceId, builder.id)).toBeUndefined();
      expect(await store.subscriptions.get(workspaceId, builder.id)).toEqual(subscription);
      expect(await store.subscriptions.findById(builder.id)).toEqual(subscription);
    });

    it('createFromBuilder refuses a missing builder', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const builder = builderRecord(workspaceId);
      const attempt = store.subscriptions.createFromBuilder({
        builderId: builder.id,
        subscription: subscriptionFrom(builder, 'ghost'),
        limit: 10,
      });
      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.subscriptions.count(workspaceId, 'github')).toBe(0);
    });

    it('createFromBuilder refuses the 11th subscription of an integration and keeps the builder', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      for (let i = 0; i < 10; i += 1) await createSubscription(store, workspaceId, `hook ${i}`);
      const builder = builderRecord(workspaceId);
      await store.builders.insert(builder);
      const attempt = store.subscriptions.createFromBuilder({
        builderId: builder.id,
        subscription: subscriptionFrom(builder, 'hook 10'),
        limit: 10,
      });
      await expect(attempt).rejects.toEqual(new SubscriptionLimitError('github', 10));
      await expect(attempt).rejects.toMatchObject({ integration: 'github', limit: 10 });
      expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
      expect(await store.subscriptions.count(workspaceId, 'github')).toBe(10);
      // The limit counts per integration.
      await createSubscription(store, workspaceId, 'hook 10', { integration: 'slack' });
      expect(await store.subscriptions.count(workspaceId, 'slack')).toBe(1);
    });

    it('createFromBuilder never passes the limit under 20 concurrent calls', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const builders = Array.from({ length: 20 }, () => builderRecord(workspaceId));
      for (const builder of builders) await store.builders.insert(builder);
      const results = await Promise.allSettled(
        builders.map((builder, i) =>
          store.subscriptions.createFromBuilder({
            builderId: builder.id,
            subscription: subscriptionFrom(builder, `hook ${i}`),
            limit: 10,
          }),
        ),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      expect(refused).toHaveLength(10);
      for (const r of refused) expect(r.reason).toBeInstanceOf(SubscriptionLimitError);
      expect(await store.subscriptions.count(workspaceId, 'github')).toBe(10);
    });

    it('a taken name answers NameTakenError on create and on rename', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      await createSubscription(store, workspaceId, 'main');
      const second = await createSubscription(store, workspaceId, 'second');
      // Names are unique per workspace and integration only.
      await createSubscription(store, other.workspaceId, 'main');
      await createSubscription(store, workspaceId, 'main', { integration: 'slack' });

      const builder = builderRecord(workspaceId);
      await store.builders.insert(builder);
      const create = store.subscriptions.createFromBuilder({
        builderId: builder.id,
        subscription: subscriptionFrom(builder, 'main'),
        limit: 10,
      });
      await expect(create).rejects.toEqual(new NameTakenError('github', 'main'));
      expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);

      const rename = store.subscriptions.update(workspaceId, second.id, { name: 'main', updatedAt: T0 });
      await expect(rename).rejects.toEqual(new NameTakenError('github', 'main'));
      expect((await store.subscriptions.get(workspaceId, second.id))?.name).toBe('second');
    });

    it('list, count, update and setStatus read and change subscriptions', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const first = await createSubscription(store, workspaceId, 'first');
      const second = await createSubscription(store, workspaceId, 'second');
      expect((await store.subscriptions.list(workspaceId, 'github')).map((s) => s.id).sort()).toEqual(
        [first.id, second.id].sort(),
      );
      expect(await store.subscriptions.list(workspaceId, 'slack')).toEqual([]);
      expect(await store.subscriptions.count(workspaceId, 'github')).toBe(2);

      const later = minutesAfter(T0, 5);
      const patch = {
        name: 'renamed',
        parameters: { repository: 'octo/hello', events: ['push'] },
        properties: { external_id: 42 },
        credentials: null,
        expiresAt: minutesAfter(T0, 60),
      };
      const updated = await store.subscriptions.update(workspaceId, first.id, { ...patch, updatedAt: later });
      expect(updated).toEqual({ ...first, ...patch, updatedAt: later });
      expect(await store.subscriptions.get(workspaceId, first.id)).toEqual(updated);
      expect(
        await store.subscriptions.update(workspaceId, randomUUID(), { name: 'x', updatedAt: later }),
      ).toBe(undefined);

      await store.subscriptions.setStatus(second.id, 'unauthorized', 'token revoked', later);
      expect(await store.subscriptions.get(workspaceId, second.id)).toEqual({
        ...second,
        status: 'unauthorized',
        statusReason: 'token revoked',
        updatedAt: later,
      });
    });

    it('delete removes the subscription and its request logs together', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const doomed = await createSubscription(store, workspaceId, 'doomed');
      const kept = await createSubscription(store, workspaceId, 'kept');
      await store.deliveries.write(newLog(doomed));
      await store.deliveries.write(newLog(kept));
      expect(await store.subscriptions.delete(workspaceId, doomed.id)).toBe(true);
      expect(await store.subscriptions.get(workspaceId, doomed.id)).toBeUndefined();
      expect(await store.requestLogs.list({ workspaceId, endpointId: doomed.id, limit: 10 })).toEqual([]);
      expect(await store.requestLogs.list({ workspaceId, endpointId: kept.id, limit: 10 })).toHaveLength(1);
      expect(await store.subscriptions.delete(workspaceId, doomed.id)).toBe(false);
    });

    it('another workspace sees none of it and changes nothing', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const intruder = await seedWorkspace(store, 'Intruder');
      const subscription = await createSubscription(store, workspaceId, 'private');
      await store.deliveries.write(newLog(subscription));

      expect(await store.subscriptions.get(intruder.workspaceId, subscription.id)).toBeUndefined();
      expect(await store.subscriptions.list(intruder.workspaceId, 'github')).toEqual([]);
      expect(await store.subscriptions.count(intruder.workspaceId, 'github')).toBe(0);
      const patch = { name: 'taken over', updatedAt: minutesAfter(T0, 1) };
      expect(await store.subscriptions.update(intruder.workspaceId, subscription.id, patch)).toBeUndefined();
      expect(await store.subscriptions.delete(intruder.workspaceId, subscription.id)).toBe(false);
      const query = { endpointId: subscription.id, limit: 10 };
      expect(await store.requestLogs.list({ ...query, workspaceId: intruder.workspaceId })).toEqual([]);

      expect(await store.subscriptions.get(workspaceId, subscription.id)).toEqual(subscription);
      expect(await store.requestLogs.list({ ...query, workspaceId })).toHaveLength(1);
    });
  });
}
