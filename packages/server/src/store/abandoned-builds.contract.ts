import { describe, expect, it } from 'vitest';
import { builderRecord, minutesAfter, seedWorkspace, T0 } from './contract-fixtures.js';
import type { BuilderRecord } from './records.js';
import type { StoreContractContext } from './store.contract.js';
import type { Store } from './store.js';

async function insertAll(store: Store, builders: readonly BuilderRecord[]): Promise<void> {
  for (const builder of builders) await store.builders.insert(builder);
}

const ids = (builders: readonly BuilderRecord[]) => builders.map((builder) => builder.id);

/** Builders whose automatic build started: they outlive their expiry until cleaned up. */
export function describeAbandonedBuildContract({ store: current, openPeer }: StoreContractContext): void {
  describe('abandoned builds', () => {
    it('update sets and clears buildStartedAt, and get reads it back', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const builder = builderRecord(workspaceId, { method: 'api-key' });
      await store.builders.insert(builder);
      const started = minutesAfter(T0, 3);
      expect(await store.builders.update(workspaceId, builder.id, { buildStartedAt: started })).toEqual({
        ...builder,
        buildStartedAt: started,
      });
      expect(await store.builders.get(workspaceId, builder.id)).toEqual({
        ...builder,
        buildStartedAt: started,
      });
      await store.builders.update(workspaceId, builder.id, { buildStartedAt: null });
      expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
    });

    it('clearBuildMark takes back only the mark it names, in its own workspace', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const started = minutesAfter(T0, 3);
      const builder = builderRecord(workspaceId, { method: 'api-key', buildStartedAt: started });
      await store.builders.insert(builder);
      // Another build marked the builder since: its mark stays.
      expect(await store.builders.clearBuildMark(workspaceId, builder.id, minutesAfter(T0, 2))).toBe(false);
      expect(await store.builders.clearBuildMark(other.workspaceId, builder.id, started)).toBe(false);
      expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
      expect(await store.builders.clearBuildMark(workspaceId, builder.id, started)).toBe(true);
      expect(await store.builders.get(workspaceId, builder.id)).toEqual({ ...builder, buildStartedAt: null });
      expect(await store.builders.clearBuildMark(workspaceId, builder.id, started)).toBe(false);
    });

    it('deleteExpired keeps expired builders whose build started', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const expiresAt = minutesAfter(T0, 1);
      const plain = builderRecord(workspaceId, { expiresAt });
      const started = builderRecord(workspaceId, { method: 'api-key', expiresAt, buildStartedAt: T0 });
      await insertAll(store, [plain, started]);
      expect(await store.builders.deleteExpired(minutesAfter(T0, 5))).toBe(1);
      expect(await store.builders.get(workspaceId, plain.id)).toBeUndefined();
      expect(await store.builders.get(workspaceId, started.id)).toEqual(started);
    });

    it('listAbandonedBuilds lists expired started builds of every workspace, oldest expiry first, a page at a time', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const abandoned = (workspace: string, expiresInMinutes: number) =>
        builderRecord(workspace, {
          method: 'api-key',
          expiresAt: minutesAfter(T0, expiresInMinutes),
          buildStartedAt: minutesAfter(T0, expiresInMinutes - 30),
        });
      // Two expiring at the same moment, so the id breaks the tie.
      const [first, tiedA, tiedB, last] = [
        abandoned(other.workspaceId, 1),
        abandoned(workspaceId, 2),
        abandoned(workspaceId, 2),
        abandoned(workspaceId, 3),
      ] as [BuilderRecord, BuilderRecord, BuilderRecord, BuilderRecord];
      const [tiedLow, tiedHigh] = tiedA.id < tiedB.id ? [tiedA, tiedB] : [tiedB, tiedA];
      const live = abandoned(workspaceId, 60);
      const neverStarted = builderRecord(workspaceId, { expiresAt: minutesAfter(T0, 1) });
      await insertAll(store, [last, tiedA, live, first, neverStarted, tiedB]);

      const now = minutesAfter(T0, 5);
      expect(await store.builders.listAbandonedBuilds(now, 10)).toEqual([first, tiedLow, tiedHigh, last]);
      const page = await store.builders.listAbandonedBuilds(now, 2);
      expect(ids(page)).toEqual([first.id, tiedLow.id]);
      expect(ids(await store.builders.listAbandonedBuilds(now, 2, tiedLow))).toEqual([tiedHigh.id, last.id]);
      expect(await store.builders.listAbandonedBuilds(now, 2, last)).toEqual([]);
      // Expiry is inclusive, as for deleteExpired.
      expect(ids(await store.builders.listAbandonedBuilds(minutesAfter(T0, 1), 10))).toEqual([first.id]);
    });

    it('delete removes one builder by id, and a second delete from another process finds it gone', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const target = builderRecord(workspaceId, { buildStartedAt: T0 });
      const kept = builderRecord(workspaceId, { buildStartedAt: T0 });
      await insertAll(store, [target, kept]);
      expect(await store.builders.delete(target.id)).toBe(true);
      const peer = await openPeer();
      expect(await peer.builders.delete(target.id)).toBe(false);
      expect(await store.builders.get(workspaceId, target.id)).toBeUndefined();
      expect(await store.builders.get(workspaceId, kept.id)).toEqual(kept);
    });
  });
}
