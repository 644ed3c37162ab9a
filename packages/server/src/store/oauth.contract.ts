import { describe, expect, it } from 'vitest';
import { minutesAfter, seedWorkspace, T0 } from './contract-fixtures.js';
import { oauthClientRecord, oauthConfirmationRecord, oauthStateRecord } from './oauth-contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';

export function describeOAuthContract({ store: current, openPeer }: StoreContractContext): void {
  describe('oauth clients', () => {
    it('put creates, get reads back every field, within the workspace only', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const client = oauthClientRecord(workspaceId);
      expect(await store.oauthClients.get(workspaceId, 'github')).toBeUndefined();
      expect(await store.oauthClients.put(client)).toEqual(client);
      expect(await store.oauthClients.get(workspaceId, 'github')).toEqual(client);
      expect(await store.oauthClients.get(workspaceId, 'slack')).toBeUndefined();
      expect(await store.oauthClients.get(other.workspaceId, 'github')).toBeUndefined();
    });

    it('put replaces the client of the same integration and keeps when it was created', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      await store.oauthClients.put(oauthClientRecord(workspaceId));
      const later = minutesAfter(T0, 5);
      const replacement = oauthClientRecord(workspaceId, {
        client: 'sealed:rotated',
        enabled: false,
        createdAt: later,
        updatedAt: later,
      });
      const expected = { ...replacement, createdAt: T0 };
      expect(await store.oauthClients.put(replacement)).toEqual(expected);
      expect(await store.oauthClients.get(workspaceId, 'github')).toEqual(expected);
    });

    it('each workspace has its own client; delete removes only the one named', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const mine = oauthClientRecord(workspaceId, { client: 'sealed:mine' });
      const theirs = oauthClientRecord(other.workspaceId, { client: 'sealed:theirs' });
      const slack = oauthClientRecord(workspaceId, { integration: 'slack' });
      for (const client of [mine, theirs, slack]) await store.oauthClients.put(client);

      expect(await store.oauthClients.delete(other.workspaceId, 'slack')).toBe(false);
      expect(await store.oauthClients.delete(workspaceId, 'github')).toBe(true);
      expect(await store.oauthClients.delete(workspaceId, 'github')).toBe(false);
      expect(await store.oauthClients.get(workspaceId, 'github')).toBeUndefined();
      expect(await store.oauthClients.get(workspaceId, 'slack')).toEqual(slack);
      expect(await store.oauthClients.get(other.workspaceId, 'github')).toEqual(theirs);
    });
  });

  describe('oauth states', () => {
    it('consume answers the state with every field once, then undefined', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const state = oauthStateRecord(workspaceId);
      const plain = oauthStateRecord(workspaceId, { codeVerifier: null, clientSource: 'system' });
      await store.oauthStates.insert(state);
      await store.oauthStates.insert(plain);
      expect(await store.oauthStates.consume(state.id)).toEqual(state);
      expect(await store.oauthStates.consume(state.id)).toBeUndefined();
      expect(await store.oauthStates.consume(plain.id)).toEqual(plain);
      expect(await store.oauthStates.consume('unknown')).toBeUndefined();
    });

    it('consume answers an expired state too; the caller judges it', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const expired = oauthStateRecord(workspaceId, { expiresAt: minutesAfter(T0, -1) });
      await store.oauthStates.insert(expired);
      expect(await store.oauthStates.consume(expired.id)).toEqual(expired);
    });

    it('two racing consumes of one state: exactly one gets it', async () => {
      const store = current();
      const peer = await openPeer();
      const { workspaceId } = await seedWorkspace(store);
      const states = Array.from({ length: 10 }, () => oauthStateRecord(workspaceId));
      for (const state of states) await store.oauthStates.insert(state);
      await expectOneConsumeWins(states, (id) => [
        store.oauthStates.consume(id),
        peer.oauthStates.consume(id),
      ]);
    });

    it('deleteExpired removes the states expired at `now` and keeps the others', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const expired = oauthStateRecord(workspaceId, { expiresAt: minutesAfter(T0, 5) });
      const edge = oauthStateRecord(workspaceId, { expiresAt: minutesAfter(T0, 10) });
      const live = oauthStateRecord(workspaceId, { expiresAt: minutesAfter(T0, 11) });
      for (const state of [expired, edge, live]) await store.oauthStates.insert(state);
      expect(await store.oauthStates.deleteExpired(minutesAfter(T0, 10))).toBe(2);
      expect(await store.oauthStates.consume(expired.id)).toBeUndefined();
      expect(await store.oauthStates.consume(edge.id)).toBeUndefined();
      expect(await store.oauthStates.consume(live.id)).toEqual(live);
    });
  });

  describe('oauth confirmations', () => {
    it('consume answers the confirmation with every field once, then undefined', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const confirmation = oauthConfirmationRecord(workspaceId);
      const lasting = oauthConfirmationRecord(workspaceId, {
        tokensExpireAt: null,
        clientSource: 'workspace',
      });
      await store.oauthConfirmations.insert(confirmation);
      await store.oauthConfirmations.insert(lasting);
      expect(await store.oauthConfirmations.consume(confirmation.id)).toEqual(confirmation);
      expect(await store.oauthConfirmations.consume(confirmation.id)).toBeUndefined();
      expect(await store.oauthConfirmations.consume(lasting.id)).toEqual(lasting);
      expect(await store.oauthConfirmations.consume('unknown')).toBeUndefined();
    });

    it('two racing consumes of one confirmation: exactly one gets it', async () => {
      const store = current();
      const peer = await openPeer();
      const { workspaceId } = await seedWorkspace(store);
      const confirmations = Array.from({ length: 10 }, () => oauthConfirmationRecord(workspaceId));
      for (const confirmation of confirmations) await store.oauthConfirmations.insert(confirmation);
      await expectOneConsumeWins(confirmations, (id) => [
        store.oauthConfirmations.consume(id),
        peer.oauthConfirmations.consume(id),
      ]);
    });

    it('deleteExpired removes the confirmations expired at `now` and keeps the others', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const expired = oauthConfirmationRecord(workspaceId, { expiresAt: minutesAfter(T0, 10) });
      const live = oauthConfirmationRecord(workspaceId, { expiresAt: minutesAfter(T0, 11) });
      for (const confirmation of [expired, live]) await store.oauthConfirmations.insert(confirmation);
      expect(await store.oauthConfirmations.deleteExpired(minutesAfter(T0, 10))).toBe(1);
      expect(await store.oauthConfirmations.consume(expired.id)).toBeUndefined();
      expect(await store.oauthConfirmations.consume(live.id)).toEqual(live);
    });
  });
}

/**
 * Starts two consumes of each record at once (`race` starts them, one per store): exactly one
 * of them may answer it, or a state or confirmation would work twice.
 */
async function expectOneConsumeWins<Consumable extends { readonly id: string }>(
  records: readonly Consumable[],
  race: (id: string) => readonly Promise<Consumable | undefined>[],
): Promise<void> {
  for (const record of records) {
    const results = await Promise.all(race(record.id));
    expect(results.filter((result) => result !== undefined)).toEqual([record]);
  }
}
