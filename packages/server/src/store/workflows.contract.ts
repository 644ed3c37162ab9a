import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubscription, minutesAfter, seedWorkspace, T0 } from './contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';
import {
  documentNamed,
  insertWorkflow,
  newRun,
  pluginTrigger,
  publish,
} from './workflow-contract-fixtures.js';

export function describeWorkflowContract({ store: current }: StoreContractContext): void {
  describe('workflows', () => {
    it('insert, get, list and updateDraft keep every field, within the workspace only', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const first = await insertWorkflow(store, workspaceId, { name: 'First' });
      const second = await insertWorkflow(store, workspaceId, {
        name: 'Second',
        createdAt: minutesAfter(T0, 1),
      });
      expect(await store.workflows.get(workspaceId, first.id)).toEqual(first);
      expect(await store.workflows.get(other.workspaceId, first.id)).toBeUndefined();
      expect((await store.workflows.list(workspaceId)).map((w) => [w.name, w.publishedVersion])).toEqual([
        ['First', null],
        ['Second', null],
      ]);
      expect(await store.workflows.list(other.workspaceId)).toEqual([]);

      const draft = documentNamed('Renamed');
      const later = minutesAfter(T0, 5);
      const input = { name: 'Renamed', description: 'new', draft, now: later };
      expect(await store.workflows.updateDraft(other.workspaceId, second.id, input)).toBeUndefined();
      const updated = await store.workflows.updateDraft(workspaceId, second.id, input);
      expect(updated).toEqual({
        ...second,
        name: 'Renamed',
        description: 'new',
        draft,
        draftUpdatedAt: later,
        updatedAt: later,
      });
    });

    it('publish numbers versions, rewrites trigger links and keeps a node enabled flag', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const subscription = await createSubscription(store, workspaceId, 'hook');
      const workflow = await insertWorkflow(store, workspaceId);
      const v1 = await publish(store, workflow, [
        pluginTrigger('a', subscription.id, 'issues'),
        pluginTrigger('b', subscription.id, 'pull_request'),
      ]);
      expect(await store.triggerLinks.setEnabled(workspaceId, workflow.id, 'b', false)).toMatchObject({
        nodeId: 'b',
        enabled: false,
      });
      const v2 = await publish(store, workflow, [
        pluginTrigger('b', subscription.id, 'pull_request'),
        pluginTrigger('c', subscription.id, 'push'),
      ]);
      expect(await store.workflows.getVersion(workspaceId, v1)).toMatchObject({ version: 1 });
      const version = await store.workflows.getVersion(workspaceId, v2);
      expect(version).toEqual({
        id: v2,
        workflowId: workflow.id,
        workspaceId,
        version: 2,
        document: workflow.draft,
        createdBy: 'member-1',
        createdAt: T0,
      });
      expect((await store.workflows.get(workspaceId, workflow.id))?.publishedVersionId).toBe(v2);
      expect((await store.workflows.list(workspaceId))[0]?.publishedVersion).toBe(2);
      const links = await store.triggerLinks.list(workspaceId, workflow.id);
      expect(links).toEqual([
        {
          workflowId: workflow.id,
          nodeId: 'b',
          workspaceId,
          versionId: v2,
          nodeType: 'trigger-plugin',
          title: 'On pull_request',
          integration: 'github',
          event: 'pull_request',
          subscriptionId: subscription.id,
          eventParameters: { actions: ['opened'] },
          enabled: false,
        },
        expect.objectContaining({ nodeId: 'c', event: 'push', enabled: true }),
      ]);
      expect(await store.workflows.getVersion(randomUUID(), v2)).toBeUndefined();
    });

    it('listVersions answers the versions of one workflow newest first, within the workspace only', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const workflow = await insertWorkflow(store, workspaceId);
      const sibling = await insertWorkflow(store, workspaceId);
      expect(await store.workflows.listVersions(workspaceId, workflow.id)).toEqual([]);
      const v1 = await publish(store, workflow, [], T0);
      await publish(store, sibling, [], T0);
      const v2 = await publish(store, workflow, [], minutesAfter(T0, 3));
      const summary = { workflowId: workflow.id, workspaceId, createdBy: 'member-1' };
      expect(await store.workflows.listVersions(workspaceId, workflow.id)).toEqual([
        { ...summary, id: v2, version: 2, createdAt: minutesAfter(T0, 3) },
        { ...summary, id: v1, version: 1, createdAt: T0 },
      ]);
      expect(await store.workflows.listVersions(other.workspaceId, workflow.id)).toEqual([]);
    });

    it('publish refuses a missing or foreign subscription and writes nothing', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const foreign = await createSubscription(store, other.workspaceId, 'theirs');
      const workflow = await insertWorkflow(store, workspaceId);
      const missing = randomUUID();
      const result = await store.workflows.publish({
        workspaceId,
        workflowId: workflow.id,
        versionId: randomUUID(),
        document: workflow.draft,
        triggers: [pluginTrigger('a', foreign.id), pluginTrigger('b', missing)],
        createdBy: 'member-1',
        now: T0,
      });
      expect(result).toEqual({
        ok: false,
        reason: 'missing_subscriptions',
        subscriptionIds: [foreign.id, missing],
      });
      expect((await store.workflows.get(workspaceId, workflow.id))?.publishedVersionId).toBeNull();
      expect(await store.triggerLinks.list(workspaceId, workflow.id)).toEqual([]);
      const elsewhere = await store.workflows.publish({
        workspaceId: other.workspaceId,
        workflowId: workflow.id,
        versionId: randomUUID(),
        document: workflow.draft,
        triggers: [],
        createdBy: 'member-1',
        now: T0,
      });
      expect(elsewhere).toEqual({ ok: false, reason: 'not_found' });
    });

    it('trigger links find triggers by subscription and count enabled workflows', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const hook = await createSubscription(store, workspaceId, 'hook');
      const unused = await createSubscription(store, workspaceId, 'unused');
      const one = await insertWorkflow(store, workspaceId);
      const two = await insertWorkflow(store, workspaceId);
      await publish(store, one, [pluginTrigger('a', hook.id, 'issues'), pluginTrigger('b', hook.id, 'push')]);
      await publish(store, two, [pluginTrigger('a', hook.id, 'issues')]);
      const counts = await store.triggerLinks.countWorkflowsBySubscription(workspaceId, [hook.id, unused.id]);
      expect(Object.fromEntries(counts)).toEqual({ [hook.id]: 2, [unused.id]: 0 });
      await store.triggerLinks.setEnabled(workspaceId, two.id, 'a', false);
      const after = await store.triggerLinks.countWorkflowsBySubscription(workspaceId, [hook.id]);
      expect(after.get(hook.id)).toBe(1);
      const other = await seedWorkspace(store, 'Other');
      expect(
        (await store.triggerLinks.countWorkflowsBySubscription(other.workspaceId, [hook.id])).get(hook.id),
      ).toBe(0);
      expect(await store.triggerLinks.setEnabled(other.workspaceId, one.id, 'a', false)).toBeUndefined();
      const found = await store.triggerLinks.findBySubscriptions([hook.id, unused.id]);
      expect(
        found
          .map((link) => [link.workflowId === one.id ? 'one' : 'two', link.nodeId, link.event, link.enabled])
          .sort(),
      ).toEqual([
        ['one', 'a', 'issues', true],
        ['one', 'b', 'push', true],
        ['two', 'a', 'issues', false],
      ]);
    });

    it('deleting a subscription leaves its triggers listed without a subscription', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const hook = await createSubscription(store, workspaceId, 'hook');
      const workflow = await insertWorkflow(store, workspaceId);
      await publish(store, workflow, [pluginTrigger('a', hook.id)]);
      expect(await store.subscriptions.delete(workspaceId, hook.id)).toBe(true);
      expect(await store.triggerLinks.list(workspaceId, workflow.id)).toEqual([
        expect.objectContaining({ nodeId: 'a', subscriptionId: null, enabled: true }),
      ]);
      expect(await store.triggerLinks.findBySubscriptions([hook.id])).toEqual([]);
    });

    it('delete removes the workflow with its versions, trigger links and runs', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const other = await seedWorkspace(store, 'Other');
      const hook = await createSubscription(store, workspaceId, 'hook');
      const workflow = await insertWorkflow(store, workspaceId);
      const kept = await insertWorkflow(store, workspaceId);
      const versionId = await publish(store, workflow, [pluginTrigger('a', hook.id)]);
      const run = await store.runs.create(newRun(workflow));
      const keptRun = await store.runs.create(newRun(kept));
      expect(await store.workflows.delete(other.workspaceId, workflow.id)).toBe(false);
      expect(await store.workflows.delete(workspaceId, workflow.id)).toBe(true);
      expect(await store.workflows.delete(workspaceId, workflow.id)).toBe(false);
      expect(await store.workflows.get(workspaceId, workflow.id)).toBeUndefined();
      expect(await store.workflows.getVersion(workspaceId, versionId)).toBeUndefined();
      expect(await store.triggerLinks.findBySubscriptions([hook.id])).toEqual([]);
      expect(await store.runs.get(workspaceId, run.id)).toBeUndefined();
      expect(await store.runs.get(workspaceId, keptRun.id)).toEqual(keptRun);
    });
  });
}
