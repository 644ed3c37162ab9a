import { describe, expect, it } from 'vitest';
import { minutesAfter, seedWorkspace, T0 } from './contract-fixtures.js';
import type { ScheduleFireReceipt } from './schedule-records.js';
import type { StoreContractContext } from './store.contract.js';
import type { Store } from './store.js';
import { insertWorkflow, newRun, publish } from './workflow-contract-fixtures.js';
import type { NewTriggerLink, WorkflowRecord } from './workflow-records.js';

function scheduleTrigger(nodeId: string): NewTriggerLink {
  return {
    nodeId,
    nodeType: 'trigger-schedule',
    title: `Schedule ${nodeId}`,
    integration: null,
    event: null,
    subscriptionId: null,
    eventParameters: {},
  };
}

/** Where a fire is recorded: a published version's schedule node. */
interface FireTarget {
  readonly workflow: WorkflowRecord;
  readonly versionId: string;
  readonly nodeId: string;
}

interface RecordedFire extends FireTarget {
  readonly scheduledAt: Date;
  readonly runId: string;
}

/** Fires `target` at `scheduledAt` with a run of its own; the receipt tells whether the time was free. */
function fireAt(store: Store, target: FireTarget, scheduledAt: Date): Promise<ScheduleFireReceipt> {
  return store.schedules.fire({
    scheduledAt,
    run: newRun(target.workflow, {
      versionId: target.versionId,
      trigger: { nodeId: target.nodeId, type: 'trigger-schedule' },
      invokeFrom: 'schedule',
      inputs: { scheduled_time: scheduledAt.toISOString() },
      createdBy: null,
      createdAt: scheduledAt,
    }),
  });
}

/** A new workflow's published schedule node `tick`, in a workspace of its own. */
async function tickTarget(store: Store): Promise<FireTarget> {
  const workflow = await insertWorkflow(store, (await seedWorkspace(store)).workspaceId);
  return { workflow, versionId: await publish(store, workflow, [scheduleTrigger('tick')]), nodeId: 'tick' };
}

async function recordFire(store: Store, target: FireTarget, scheduledAt: Date): Promise<RecordedFire> {
  const receipt = await fireAt(store, target, scheduledAt);
  expect(receipt.created).toBe(true);
  return { ...target, scheduledAt, runId: receipt.runId };
}

/**
 * Which of `fires` are still recorded: firing one again answers its run unless it was pruned.
 * A pruned one is recorded anew, so each fire is asked once.
 */
async function stillRecorded(store: Store, fires: readonly RecordedFire[]): Promise<RecordedFire[]> {
  const kept: RecordedFire[] = [];
  for (const fire of fires) {
    const receipt = await fireAt(store, fire, fire.scheduledAt);
    if (!receipt.created) {
      expect(receipt.runId).toBe(fire.runId);
      kept.push(fire);
    }
  }
  return kept;
}

export function describeScheduleFireContract({ store: current }: StoreContractContext): void {
  describe('schedule fires', () => {
    const cutoff = minutesAfter(T0, 60);

    it("pruneFires deletes old fires of all workspaces but each node's latest; newer ones stay", async () => {
      const store = current();
      const mine = await insertWorkflow(store, (await seedWorkspace(store)).workspaceId);
      const theirs = await insertWorkflow(store, (await seedWorkspace(store, 'Other')).workspaceId);
      const first = await publish(store, mine, [scheduleTrigger('tick'), scheduleTrigger('nightly')]);
      const second = await publish(store, mine, [scheduleTrigger('tick'), scheduleTrigger('nightly')]);
      const theirVersion = await publish(store, theirs, [scheduleTrigger('tick'), scheduleTrigger('weekly')]);
      const tick = { workflow: mine, versionId: first, nodeId: 'tick' };
      const nightly = { workflow: mine, versionId: first, nodeId: 'nightly' };
      const nightlyNow = { ...nightly, versionId: second };
      const theirTick = { workflow: theirs, versionId: theirVersion, nodeId: 'tick' };
      const theirWeekly = { workflow: theirs, versionId: theirVersion, nodeId: 'weekly' };

      const oldTicks = [
        await recordFire(store, tick, minutesAfter(T0, 1)),
        await recordFire(store, tick, minutesAfter(T0, 2)),
        await recordFire(store, { ...tick, versionId: second }, minutesAfter(T0, 3)),
      ];
      const newTicks = [
        await recordFire(store, { ...tick, versionId: second }, cutoff),
        await recordFire(store, { ...tick, versionId: second }, minutesAfter(cutoff, 1)),
      ];
      // Every fire of these nodes is old: the latest stays, whichever version made it.
      const oldNightly = await recordFire(store, nightly, minutesAfter(T0, 4));
      const latestNightly = await recordFire(store, nightlyNow, minutesAfter(T0, 5));
      // The same node id in another workflow is another schedule.
      const theirOnlyTick = await recordFire(store, theirTick, minutesAfter(T0, 1));
      const theirOldWeekly = await recordFire(store, theirWeekly, minutesAfter(T0, 6));
      const theirNewWeekly = await recordFire(store, theirWeekly, minutesAfter(cutoff, 2));

      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 500 })).toBe(5);
      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 500 })).toBe(0);
      const all = [
        ...oldTicks,
        ...newTicks,
        oldNightly,
        latestNightly,
        theirOnlyTick,
        theirOldWeekly,
        theirNewWeekly,
      ];
      expect(await stillRecorded(store, all)).toEqual([
        ...newTicks,
        latestNightly,
        theirOnlyTick,
        theirNewWeekly,
      ]);
    });

    it('pruneFires deletes at most `limit` fires per call, earliest first', async () => {
      const store = current();
      const target = await tickTarget(store);
      for (let minute = 1; minute <= 5; minute += 1)
        await recordFire(store, target, minutesAfter(T0, minute));
      await recordFire(store, target, minutesAfter(cutoff, 1));

      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 0 })).toBe(0);
      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 2 })).toBe(2);
      // Minutes 1 and 2 went: nothing is left before minute 3.
      expect(await store.schedules.pruneFires({ firedBefore: minutesAfter(T0, 3), limit: 500 })).toBe(0);
      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 2 })).toBe(2);
      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 2 })).toBe(1);
      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 2 })).toBe(0);
    });

    it('after pruneFires listActive answers the latest fire, and it is not fired twice', async () => {
      const store = current();
      const target = await tickTarget(store);
      await recordFire(store, target, minutesAfter(T0, 1));
      await recordFire(store, target, minutesAfter(T0, 2));
      const latest = await recordFire(store, target, minutesAfter(T0, 3));

      expect(await store.schedules.pruneFires({ firedBefore: cutoff, limit: 500 })).toBe(2);
      expect(await store.schedules.listActive()).toEqual([
        expect.objectContaining({
          workflowId: target.workflow.id,
          nodeId: 'tick',
          lastFiredAt: latest.scheduledAt,
        }),
      ]);
      // A scheduler started now catches up from there; a peer firing that time again creates nothing.
      expect(await fireAt(store, target, latest.scheduledAt)).toEqual({
        created: false,
        runId: latest.runId,
      });
    });
  });
}
