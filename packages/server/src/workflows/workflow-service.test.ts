import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture } from '../engine/dsl/fixtures.test-helpers.js';
import { createSubscription, seedWorkspace } from '../store/contract-fixtures.js';
import type { Principal } from '../store/records.js';
import { StoreWorkflowUsage } from './store-workflow-usage.js';
import { describeOnEveryStore, startTestEngine, type TestEngine } from './workflow-engine.test-helpers.js';
import { InvalidWorkflowError } from './workflow-errors.js';
import { twoTriggerYaml } from './workflow-fixtures.test-helpers.js';

const PR_NODE = '1754400000001';
const ISSUE_NODE = '1754400000002';

async function refusal(promise: Promise<unknown>): Promise<InvalidWorkflowError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InvalidWorkflowError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describeOnEveryStore('WorkflowService', (engineOptions) => {
  let engine: TestEngine;
  let owner: Principal;
  let stranger: Principal;

  beforeAll(async () => {
    engine = await startTestEngine(engineOptions());
    owner = engine.principal;
    const other = await seedWorkspace(engine.store, 'Elsewhere');
    stranger = {
      tokenId: other.tokenId,
      memberId: other.ownerId,
      workspaceId: other.workspaceId,
      role: 'owner',
    };
  });
  afterAll(() => engine.close());

  it('create imports a YAML or JSON document whole, or makes an empty draft', async () => {
    const yaml = twoTriggerYaml(engine.subscription.id);
    const fromYaml = await engine.workflows.create(owner, yaml);
    expect(fromYaml).toMatchObject({
      name: 'GitHub new work',
      publishedVersion: null,
      icon: { value: '🐙' },
    });
    const fromJson = await engine.workflows.create(owner, parse(yaml));
    expect(fromJson.name).toBe('GitHub new work');
    const empty = await engine.workflows.create(owner, { name: 'Blank', description: 'nothing yet' });
    expect(empty).toMatchObject({ name: 'Blank', description: 'nothing yet' });
    const draft = await engine.workflows.getDraft(owner, empty.id);
    expect(draft.graph).toEqual({ nodes: [], edges: [] });
    expect(draft.problems.map((problem) => problem.message).join('\n')).toMatch(/no entry node/);
    expect((await engine.workflows.list(owner)).items.map((item) => item.id)).toEqual(
      expect.arrayContaining([fromYaml.id, fromJson.id, empty.id]),
    );
  });

  it('create refuses a document with any problem and stores nothing', async () => {
    const before = (await engine.workflows.list(owner)).items.length;
    const refused = await refusal(engine.workflows.create(owner, fixture('refused-cycle.yml')));
    expect(refused.status).toBe(422);
    expect(refused.message).toMatch(/^cannot import the document: .*cycle/);
    await refusal(engine.workflows.create(owner, 'kind: app\napp: [unclosed'));
    await refusal(engine.workflows.create(owner, { name: '' }));
    expect((await engine.workflows.list(owner)).items).toHaveLength(before);
  });

  it('putDraft replaces the graph or the document and reports what blocks publishing', async () => {
    const created = await engine.workflows.create(owner, twoTriggerYaml(engine.subscription.id));
    const draft = await engine.workflows.getDraft(owner, created.id);
    expect(draft.problems).toEqual([]);
    const withoutEnd = {
      nodes: draft.graph.nodes.filter((node) => node.id !== '1754400000006'),
      edges: draft.graph.edges.filter((edge) => edge.target !== '1754400000006'),
    };
    const saved = await engine.workflows.putDraft(owner, created.id, { graph: withoutEnd, name: 'Edited' });
    expect(saved.name).toBe('Edited');
    expect(saved.graph.nodes).toHaveLength(5);
    expect(saved.problems.length).toBeGreaterThan(0);
    await expect(engine.workflows.publish(owner, created.id)).rejects.toThrow(/cannot publish the workflow/);
    // Sent back as read, the graph stays the same.
    const again = await engine.workflows.putDraft(owner, created.id, { graph: draft.graph });
    expect(again.graph).toEqual(draft.graph);
    expect(again.problems).toEqual([]);
    const document = await engine.workflows.putDraft(
      owner,
      created.id,
      twoTriggerYaml(engine.subscription.id),
    );
    expect(document.name).toBe('GitHub new work');
    await refusal(engine.workflows.putDraft(owner, created.id, { graph: { nodes: 'no' } }));
  });

  it('publish stores immutable versions and rewrites the trigger links', async () => {
    const created = await engine.workflows.create(owner, twoTriggerYaml(engine.subscription.id));
    const published = await engine.workflows.publish(owner, created.id);
    expect(published.publishedVersion).toBe(1);
    const triggers = await engine.triggers.list(owner, created.id);
    expect(triggers).toEqual({
      publishedVersion: 1,
      items: [
        {
          nodeId: PR_NODE,
          type: 'trigger-plugin',
          title: 'Pull request opened',
          enabled: true,
          state: 'active',
          integration: 'github',
          event: 'pull_request',
          subscriptionId: engine.subscription.id,
          eventParameters: { actions: ['opened'] },
        },
        expect.objectContaining({ nodeId: ISSUE_NODE, event: 'issues', state: 'active' }),
      ],
    });
    // Editing the draft leaves the published version as it was.
    await engine.workflows.putDraft(owner, created.id, { graph: { nodes: [], edges: [] } });
    expect((await engine.triggers.list(owner, created.id)).items).toHaveLength(2);
    const exported = await engine.workflows.export(owner, created.id, { source: 'published' });
    expect(exported.yaml).toContain('event_name: pull_request');
    expect((await engine.workflows.export(owner, created.id)).yaml).not.toContain('event_name');
  });

  it('publish refuses, naming the nodes, triggers without a usable subscription, event or filter', async () => {
    const document = parse(twoTriggerYaml(engine.subscription.id)) as {
      workflow: { graph: { nodes: { id: string; data: Record<string, unknown> }[] } };
    };
    const [pr, issues] = document.workflow.graph.nodes;
    pr!.data.subscription_id = '';
    issues!.data.event_name = 'no_such_event';
    const created = await engine.workflows.create(owner, document);
    const refused = await refusal(engine.workflows.publish(owner, created.id));
    expect(refused.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(new RegExp(`id "${PR_NODE}".*choose a subscription`)),
      expect.stringMatching(
        new RegExp(
          `id "${ISSUE_NODE}".*event "no_such_event" is not an event of integration "github"; events: .*pull_request`,
        ),
      ),
    ]);
    issues!.data.event_name = 'issues';
    pr!.data.subscription_id = 'a-subscription-elsewhere';
    (issues!.data.event_parameters as Record<string, unknown>).actions = {
      type: 'constant',
      value: ['exploded'],
    };
    await engine.workflows.putDraft(owner, created.id, document);
    const again = await refusal(engine.workflows.publish(owner, created.id));
    expect(again.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('subscription "a-subscription-elsewhere" does not exist in this workspace'),
      expect.stringMatching(/event_parameters\.actions .*exploded/),
    ]);
    expect((await engine.workflows.get(owner, created.id)).publishedVersion).toBeNull();
  });

  it('a subscription counts the published workflows with an enabled trigger on it', async () => {
    const subscription = await createSubscription(engine.store, owner.workspaceId, 'Counted');
    const usage = new StoreWorkflowUsage({ store: engine.store });
    const created = await engine.workflows.create(owner, twoTriggerYaml(subscription.id));
    expect((await usage.countBySubscription(owner.workspaceId, [subscription.id])).get(subscription.id)).toBe(
      0,
    );
    await engine.workflows.publish(owner, created.id);
    expect((await usage.countBySubscription(owner.workspaceId, [subscription.id])).get(subscription.id)).toBe(
      1,
    );
    await engine.triggers.setEnabled(owner, created.id, PR_NODE, false);
    expect((await usage.countBySubscription(owner.workspaceId, [subscription.id])).get(subscription.id)).toBe(
      1,
    );
    await engine.triggers.setEnabled(owner, created.id, ISSUE_NODE, false);
    expect((await usage.countBySubscription(owner.workspaceId, [subscription.id])).get(subscription.id)).toBe(
      0,
    );
  });

  it('a trigger whose subscription was deleted shows so, and the workflow deletes cleanly', async () => {
    const subscription = await createSubscription(engine.store, owner.workspaceId, 'Doomed');
    const created = await engine.workflows.create(owner, twoTriggerYaml(subscription.id));
    await engine.workflows.publish(owner, created.id);
    await engine.store.subscriptions.delete(owner.workspaceId, subscription.id);
    const triggers = await engine.triggers.list(owner, created.id);
    expect(triggers.items.map((item) => [item.nodeId, item.state, item.subscriptionId])).toEqual([
      [PR_NODE, 'subscription_deleted', subscription.id],
      [ISSUE_NODE, 'subscription_deleted', subscription.id],
    ]);
    expect(await engine.store.triggerLinks.findBySubscriptions([subscription.id])).toEqual([]);
    await engine.workflows.delete(owner, created.id);
    await expect(engine.workflows.get(owner, created.id)).rejects.toThrow(/not found/);
    await expect(engine.workflows.delete(owner, created.id)).rejects.toThrow(/not found/);
  });

  it('another workspace sees none of it', async () => {
    const created = await engine.workflows.create(owner, { name: 'Private' });
    await expect(engine.workflows.get(stranger, created.id)).rejects.toMatchObject({ status: 404 });
    await expect(engine.workflows.getDraft(stranger, created.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      engine.workflows.putDraft(stranger, created.id, { graph: { nodes: [], edges: [] } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(engine.workflows.publish(stranger, created.id)).rejects.toMatchObject({ status: 404 });
    await expect(engine.workflows.delete(stranger, created.id)).rejects.toMatchObject({ status: 404 });
    await expect(engine.triggers.list(stranger, created.id)).rejects.toMatchObject({ status: 404 });
    expect((await engine.workflows.list(stranger)).items).toEqual([]);
  });
});
