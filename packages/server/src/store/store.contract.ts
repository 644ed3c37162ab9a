import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAbandonedBuildContract } from './abandoned-builds.contract.js';
import { describeAutomaticSubscriptionContract } from './automatic-subscriptions.contract.js';
import {
  ALL_MIGRATIONS,
  builderRecord,
  hashToken,
  minutesAfter,
  seedWorkspace,
  T0,
} from './contract-fixtures.js';
import { describeCredentialContract } from './credentials.contract.js';
import { describeOAuthContract } from './oauth.contract.js';
import { describeRequestLogContract } from './request-logs.contract.js';
import { describeRunRetentionContract } from './run-retention.contract.js';
import { describeRunContract } from './runs.contract.js';
import { describeScheduleFireContract } from './schedule-fires.contract.js';
import { describeSealedValueContract } from './sealed-values.contract.js';
import type { Store } from './store.js';
import { describeSubscriptionContract } from './subscriptions.contract.js';
import { describeWorkflowContract } from './workflows.contract.js';
import {
  type BootstrapContender,
  describeWorkspaceBootstrapContract,
} from './workspace-bootstrap.contract.js';

export interface StoreContractOptions {
  /** A second store over the same database, as another process would open it. */
  readonly openPeer: (store: Store) => Promise<Store>;
  /**
   * Another process racing to bootstrap the store's database. By default a peer store in this
   * thread; SQLite needs a thread of its own, since waiting for its write lock blocks the thread.
   */
  readonly openBootstrapContender?: (store: Store) => Promise<BootstrapContender>;
}

export interface StoreContractContext {
  /** The current case's store over a fresh database. */
  readonly store: () => Store;
  readonly openPeer: () => Promise<Store>;
  readonly openBootstrapContender: () => Promise<BootstrapContender>;
}

/**
 * The store port's contract, run against every adapter. `openFresh` answers a store over an
 * empty database (no migrations applied yet); the suite migrates and closes it.
 */
export function describeStoreContract(
  name: string,
  openFresh: () => Promise<Store>,
  options: StoreContractOptions,
): void {
  describe(`${name} store`, () => {
    let store: Store;
    let applied: readonly string[];
    const peers: Store[] = [];

    beforeEach(async () => {
      store = await openFresh();
      applied = await store.migrate();
    });

    afterEach(async () => {
      await Promise.all(peers.splice(0).map((peer) => peer.close()));
      await store.close();
    });

    const openPeer = async () => {
      const peer = await options.openPeer(store);
      peers.push(peer);
      return peer;
    };
    const context: StoreContractContext = {
      store: () => store,
      openPeer,
      openBootstrapContender: async () => {
        if (options.openBootstrapContender) return options.openBootstrapContender(store);
        const peer = await openPeer();
        return { go: (inputs) => Promise.all(inputs.map((input) => peer.workspaces.bootstrapOnce(input))) };
      },
    };

    it('migrate applies each migration once', async () => {
      expect(applied).toEqual([...ALL_MIGRATIONS]);
      expect(await store.migrate()).toEqual([]);
      expect(store.dialect).toBe(name);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('workspaces', () => {
      it('createWithOwner makes a workspace, its owner and a token that authenticates', async () => {
        expect(await store.workspaces.isEmpty()).toBe(true);
        const seeded = await seedWorkspace(store, 'Acme');
        expect(await store.workspaces.isEmpty()).toBe(false);
        expect(await store.workspaces.get(seeded.workspaceId)).toEqual({
          id: seeded.workspaceId,
          name: 'Acme',
          createdAt: T0,
        });
        expect(await store.workspaces.authenticate(seeded.tokenHash, T0)).toEqual({
          tokenId: seeded.tokenId,
          memberId: seeded.ownerId,
          workspaceId: seeded.workspaceId,
          role: 'owner',
        });
        // A second use within the minute answers the same.
        expect(await store.workspaces.authenticate(seeded.tokenHash, minutesAfter(T0, 0.5))).toMatchObject({
          tokenId: seeded.tokenId,
        });
      });

      it('authenticate answers undefined for an unknown hash', async () => {
        await seedWorkspace(store);
        expect(await store.workspaces.authenticate(hashToken('not a token'), T0)).toBeUndefined();
        expect(await store.workspaces.get(randomUUID())).toBeUndefined();
      });

      it('addMember adds a member with a role and a token', async () => {
        const seeded = await seedWorkspace(store);
        const memberId = randomUUID();
        const tokenHash = hashToken('viewer token');
        const member = await store.workspaces.addMember({
          workspaceId: seeded.workspaceId,
          member: { id: memberId, name: 'Vic', role: 'viewer' },
          token: { id: randomUUID(), hash: tokenHash, label: 'viewer' },
          now: minutesAfter(T0, 1),
        });
        expect(member).toEqual({
          id: memberId,
          workspaceId: seeded.workspaceId,
          name: 'Vic',
          role: 'viewer',
          createdAt: minutesAfter(T0, 1),
        });
        expect((await store.workspaces.listMembers(seeded.workspaceId)).map((m) => [m.name, m.role])).toEqual(
          [
            ['Ada', 'owner'],
            ['Vic', 'viewer'],
          ],
        );
        expect(await store.workspaces.authenticate(tokenHash, T0)).toMatchObject({
          memberId,
          role: 'viewer',
        });
        expect(await store.workspaces.listMembers(randomUUID())).toEqual([]);
      });

      it('createWithOwner refuses a token hash already in use and writes nothing', async () => {
        const seeded = await seedWorkspace(store);
        const workspaceId = randomUUID();
        await expect(
          store.workspaces.createWithOwner({
            workspace: { id: workspaceId, name: 'Other' },
            owner: { id: randomUUID(), name: 'Bo' },
            token: { id: randomUUID(), hash: seeded.tokenHash, label: 'copy' },
            now: T0,
          }),
        ).rejects.toThrow();
        expect(await store.workspaces.get(workspaceId)).toBeUndefined();
      });
    });

    describe('builders', () => {
      it('insert and get round-trip every field, within the workspace only', async () => {
        const { workspaceId } = await seedWorkspace(store);
        const other = await seedWorkspace(store, 'Other');
        const builder = builderRecord(workspaceId, { name: 'draft', credentials: 'sealed:x' });
        await store.builders.insert(builder);
        expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
        expect(await store.builders.get(other.workspaceId, builder.id)).toBeUndefined();
      });

      it('findLive finds a builder until it expires', async () => {
        const { workspaceId } = await seedWorkspace(store);
        const builder = builderRecord(workspaceId, { expiresAt: minutesAfter(T0, 10) });
        await store.builders.insert(builder);
        expect(await store.builders.findLive(builder.id, minutesAfter(T0, 9))).toEqual(builder);
        expect(await store.builders.findLive(builder.id, minutesAfter(T0, 10))).toBeUndefined();
        expect(await store.builders.findLive(randomUUID(), T0)).toBeUndefined();
      });

      it('update patches the given fields and ignores other workspaces', async () => {
        const { workspaceId } = await seedWorkspace(store);
        const other = await seedWorkspace(store, 'Other');
        const builder = builderRecord(workspaceId);
        await store.builders.insert(builder);
        const patch = {
          name: 'renamed',
          parameters: { repository: 'octo/hello' },
          expiresAt: minutesAfter(T0, 30),
        };
        expect(
          await store.builders.update(other.workspaceId, builder.id, { name: 'stolen' }),
        ).toBeUndefined();
        const updated = await store.builders.update(workspaceId, builder.id, patch);
        expect(updated).toEqual({ ...builder, ...patch });
        expect(await store.builders.get(workspaceId, builder.id)).toEqual({ ...builder, ...patch });
      });

      it('deleteExpired removes only expired builders', async () => {
        const { workspaceId } = await seedWorkspace(store);
        const expired = builderRecord(workspaceId, { expiresAt: minutesAfter(T0, 1) });
        const live = builderRecord(workspaceId, { expiresAt: minutesAfter(T0, 60) });
        await store.builders.insert(expired);
        await store.builders.insert(live);
        expect(await store.builders.deleteExpired(minutesAfter(T0, 5))).toBe(1);
        expect(await store.builders.get(workspaceId, expired.id)).toBeUndefined();
        expect(await store.builders.get(workspaceId, live.id)).toEqual(live);
      });
    });

    describeWorkspaceBootstrapContract(context);
    describeSubscriptionContract(context);
    describeRequestLogContract(context);
    describeWorkflowContract(context);
    describeRunContract(context);
    describeRunRetentionContract(context);
    describeScheduleFireContract(context);
    describeAutomaticSubscriptionContract(context);
    describeAbandonedBuildContract(context);
    describeOAuthContract(context);
    describeCredentialContract(context);
    describeSealedValueContract(context);
  });
}
