import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { minutesAfter, seedWorkspace, T0 } from './contract-fixtures.js';
import { credentialRecord } from './oauth-contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';

export function describeCredentialContract({ store: current }: StoreContractContext): void {
  describe('credentials', () => {
    it('insert and get round-trip every field, within the workspace only', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const credential = credentialRecord(workspaceId);
      const forever = credentialRecord(workspaceId, {
        expiresAt: null,
        clientSource: 'workspace',
        status: 'unauthorized',
        statusReason: 'revoked',
      });
      await store.credentials.insert(credential);
      await store.credentials.insert(forever);
      expect(await store.credentials.get(workspaceId, credential.id)).toEqual(credential);
      expect(await store.credentials.get(workspaceId, forever.id)).toEqual(forever);
      expect(await store.credentials.get(other.workspaceId, credential.id)).toBeUndefined();
      expect(await store.credentials.get(workspaceId, randomUUID())).toBeUndefined();
    });

    it('latestActive answers the newest active one of the workspace and integration', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      expect(await store.credentials.latestActive(workspaceId, 'github')).toBeUndefined();
      const older = credentialRecord(workspaceId, { createdAt: minutesAfter(T0, 1) });
      const newest = credentialRecord(workspaceId, { createdAt: minutesAfter(T0, 2) });
      const unauthorized = credentialRecord(workspaceId, {
        createdAt: minutesAfter(T0, 3),
        status: 'unauthorized',
      });
      const otherIntegration = credentialRecord(workspaceId, {
        integration: 'slack',
        createdAt: minutesAfter(T0, 4),
      });
      const otherWorkspace = credentialRecord(other.workspaceId, { createdAt: minutesAfter(T0, 5) });
      for (const credential of [newest, older, unauthorized, otherIntegration, otherWorkspace]) {
        await store.credentials.insert(credential);
      }
      expect(await store.credentials.latestActive(workspaceId, 'github')).toEqual(newest);
      expect(await store.credentials.latestActive(workspaceId, 'slack')).toEqual(otherIntegration);
      expect(await store.credentials.latestActive(other.workspaceId, 'github')).toEqual(otherWorkspace);

      await store.credentials.setStatus(newest.id, 'unauthorized', 'refresh failed', minutesAfter(T0, 6));
      expect(await store.credentials.latestActive(workspaceId, 'github')).toEqual(older);
    });

    it('listExpiring answers active credentials expiring by then, earliest first, at most `limit`', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const at = (minutes: number) => minutesAfter(T0, minutes);
      const third = credentialRecord(workspaceId, { expiresAt: at(30) });
      const first = credentialRecord(workspaceId, { expiresAt: at(10) });
      const second = credentialRecord(other.workspaceId, { expiresAt: at(20) });
      const later = credentialRecord(workspaceId, { expiresAt: at(31) });
      const never = credentialRecord(workspaceId, { expiresAt: null });
      const unauthorized = credentialRecord(workspaceId, { expiresAt: at(5), status: 'unauthorized' });
      for (const credential of [third, first, second, later, never, unauthorized]) {
        await store.credentials.insert(credential);
      }
      const ids = async (limit: number) =>
        (await store.credentials.listExpiring({ before: at(30), now: T0, limit })).map(
          (credential) => credential.id,
        );
      expect(await ids(10)).toEqual([first.id, second.id, third.id]);
      expect(await ids(2)).toEqual([first.id, second.id]);
      expect(await store.credentials.listExpiring({ before: at(9), now: T0, limit: 10 })).toEqual([]);
    });

    it('listExpiring leaves out credentials backing off until after `now`; success clears the backoff', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const at = (minutes: number) => minutesAfter(T0, minutes);
      const failing = credentialRecord(workspaceId, { expiresAt: at(1) });
      const good = credentialRecord(workspaceId, { expiresAt: at(2) });
      for (const credential of [failing, good]) await store.credentials.insert(credential);
      await store.credentials.setRefreshBackoff(failing.id, { failures: 3, nextRefreshAt: at(8) });
      const backingOff = await store.credentials.get(workspaceId, failing.id);
      // The tokens did not change: updatedAt stays, so a racing refresher's check still holds.
      expect(backingOff).toEqual({ ...failing, refreshFailures: 3, nextRefreshAt: at(8) });
      const ids = async (now: Date) =>
        (await store.credentials.listExpiring({ before: at(10), now, limit: 1 })).map((c) => c.id);
      expect(await ids(T0)).toEqual([good.id]);
      expect(await ids(at(8))).toEqual([failing.id]);

      const refreshed = await store.credentials.update(failing.id, {
        refreshFailures: 0,
        nextRefreshAt: null,
        updatedAt: at(9),
      });
      expect(refreshed).toEqual({ ...failing, updatedAt: at(9) });
    });

    it('update patches the given fields by id; setStatus sets status and reason', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const credential = credentialRecord(workspaceId);
      const untouched = credentialRecord(workspaceId);
      await store.credentials.insert(credential);
      await store.credentials.insert(untouched);

      const refreshed = { credentials: 'sealed:refreshed', expiresAt: minutesAfter(T0, 120) };
      const updated = await store.credentials.update(credential.id, {
        ...refreshed,
        updatedAt: minutesAfter(T0, 1),
      });
      expect(updated).toEqual({ ...credential, ...refreshed, updatedAt: minutesAfter(T0, 1) });
      expect(await store.credentials.get(workspaceId, credential.id)).toEqual(updated);

      const cleared = await store.credentials.update(credential.id, {
        expiresAt: null,
        status: 'unauthorized',
        statusReason: 'revoked',
        updatedAt: minutesAfter(T0, 2),
      });
      expect(cleared).toEqual({
        ...credential,
        credentials: 'sealed:refreshed',
        expiresAt: null,
        status: 'unauthorized',
        statusReason: 'revoked',
        updatedAt: minutesAfter(T0, 2),
      });
      expect(await store.credentials.update(randomUUID(), { updatedAt: T0 })).toBeUndefined();

      await store.credentials.setStatus(credential.id, 'active', null, minutesAfter(T0, 3));
      expect(await store.credentials.get(workspaceId, credential.id)).toEqual({
        ...cleared,
        status: 'active',
        statusReason: null,
        updatedAt: minutesAfter(T0, 3),
      });
      expect(await store.credentials.get(workspaceId, untouched.id)).toEqual(untouched);
    });
  });
}
