import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSubscription } from '../../store/contract-fixtures.js';
import type { SubscriptionRecord } from '../../store/records.js';
import type { TriggerList, TriggerView } from '../../workflows/trigger-service.js';
import { twoTriggerYaml } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { DraftView, WorkflowSummaryView, WorkflowView } from '../../workflows/workflow-view.js';
import { startWorkflowApi, type WorkflowApi } from './workflow-api.test-helpers.js';

describe('workflow routes', () => {
  let http: WorkflowApi;
  let subscription: SubscriptionRecord;
  beforeAll(async () => {
    http = await startWorkflowApi();
    subscription = await createSubscription(http.api.store, http.owner.workspaceId, 'GitHub hook');
  });
  afterAll(() => http.api.close());

  const createYaml = () =>
    http.request<WorkflowView>('POST', '/api/v1/workflows', {
      body: twoTriggerYaml(subscription.id),
      contentType: 'application/yaml',
    });

  it('POST creates from YAML, JSON or a name; a viewer may not', async () => {
    const yaml = await createYaml();
    expect(yaml.status).toBe(201);
    expect(yaml.body).toMatchObject({ name: 'GitHub new work', publishedVersion: null });
    const json = await http.request<WorkflowView>('POST', '/api/v1/workflows', {
      body: parse(twoTriggerYaml(subscription.id)),
    });
    expect(json.status).toBe(201);
    const empty = await http.request<WorkflowView>('POST', '/api/v1/workflows', { body: { name: 'Blank' } });
    expect(empty.body).toMatchObject({ name: 'Blank', description: '' });
    const viewer = await http.request('POST', '/api/v1/workflows', {
      token: http.tokens.viewer,
      body: { name: 'Nope' },
    });
    expect(viewer.status).toBe(403);
    const list = await http.request<{ items: WorkflowSummaryView[] }>('GET', '/api/v1/workflows', {
      token: http.tokens.viewer,
    });
    expect(list.body.items.map((item) => item.id)).toEqual(
      expect.arrayContaining([yaml.body.id, json.body.id, empty.body.id]),
    );
  });

  it('POST refuses a document with problems as 422 invalid_workflow, naming them', async () => {
    const refused = await http.request('POST', '/api/v1/workflows', {
      body: 'kind: app\napp:\n  mode: chat\n  name: Chat',
      contentType: 'application/yaml',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_workflow');
    expect(refused.body.error.message).toMatch(/app\.mode|workflow/);
    const broken = await http.request('POST', '/api/v1/workflows', {
      body: '[1, 2]',
      contentType: 'application/json',
    });
    expect(broken.status).toBe(422);
  });

  it('GET, PUT draft, publish, export and DELETE a workflow', async () => {
    const { body: created } = await createYaml();
    const url = `/api/v1/workflows/${created.id}`;
    expect((await http.request<WorkflowView>('GET', url)).body).toMatchObject({
      id: created.id,
      icon: { value: '🐙' },
    });

    const draft = await http.request<DraftView>('GET', `${url}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body.problems).toEqual([]);
    expect(draft.body.graph.nodes).toHaveLength(6);
    const renamed = await http.request<DraftView>('PUT', `${url}/draft`, {
      body: { graph: draft.body.graph, name: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed');
    expect(renamed.body.graph).toEqual(draft.body.graph);

    const published = await http.request<WorkflowView>('POST', `${url}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ name: 'Renamed', publishedVersion: 1 });

    const exported = await http.request('GET', `${url}/export?source=published`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/yaml/);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="Renamed.yml"');
    expect(parse(exported.text)).toMatchObject({ kind: 'app', app: { name: 'Renamed', mode: 'workflow' } });
    const shared = await http.request('GET', `${url}/export?shared=true`);
    expect(shared.text).not.toContain(subscription.id);

    expect((await http.request('DELETE', url, { token: http.tokens.viewer })).status).toBe(403);
    expect((await http.request('DELETE', url)).status).toBe(204);
    expect((await http.request('GET', url)).status).toBe(404);
  });

  it("export?versionId= exports an earlier published version; 404 for another workflow's version", async () => {
    const { body: created } = await createYaml();
    const url = `/api/v1/workflows/${created.id}`;
    const publishAs = async (name: string): Promise<string> => {
      const { body: draft } = await http.request<DraftView>('GET', `${url}/draft`);
      await http.request('PUT', `${url}/draft`, { body: { graph: draft.graph, name } });
      const published = await http.request<WorkflowView>('POST', `${url}/publish`);
      expect(published.status).toBe(200);
      return published.body.publishedVersionId ?? '';
    };
    const first = await publishAs('First');
    const second = await publishAs('Second');
    const nameOf = async (query: string) => {
      const exported = await http.request('GET', `${url}/export?${query}`, { token: http.tokens.viewer });
      expect(exported.status).toBe(200);
      return (parse(exported.text) as { app: { name: string } }).app.name;
    };
    expect(await nameOf(`versionId=${first}`)).toBe('First');
    expect(await nameOf(`versionId=${second}&source=draft`)).toBe('Second');
    expect(await nameOf('source=published')).toBe('Second');

    const { body: other } = await createYaml();
    const { body: otherPublished } = await http.request<WorkflowView>(
      'POST',
      `/api/v1/workflows/${other.id}/publish`,
    );
    const foreign = await http.request('GET', `${url}/export?versionId=${otherPublished.publishedVersionId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toContain(
      `has no published version "${otherPublished.publishedVersionId}"`,
    );
    expect((await http.request('GET', `${url}/export?versionId=nope`)).status).toBe(404);
    const stranger = await http.request('GET', `${url}/export?versionId=${first}`, {
      token: http.tokens.stranger,
    });
    expect(stranger.status).toBe(404);
  });

  it('publish refuses a trigger on a subscription of no one, naming the node', async () => {
    const { body: created } = await http.request<WorkflowView>('POST', '/api/v1/workflows', {
      body: twoTriggerYaml('no-such-subscription'),
      contentType: 'application/yaml',
    });
    const refused = await http.request('POST', `/api/v1/workflows/${created.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(
      /id "1754400000001" \(trigger-plugin\): subscription "no-such-subscription" does not exist in this workspace/,
    );
  });

  it('GET triggers lists the published triggers and PATCH switches one off', async () => {
    const { body: created } = await createYaml();
    const url = `/api/v1/workflows/${created.id}/triggers`;
    expect((await http.request<TriggerList>('GET', url)).body).toEqual({ publishedVersion: null, items: [] });
    expect((await http.request('PATCH', `${url}/1754400000001`, { body: { enabled: false } })).status).toBe(
      409,
    );
    await http.request('POST', `/api/v1/workflows/${created.id}/publish`);
    const listed = await http.request<TriggerList>('GET', url, { token: http.tokens.viewer });
    expect(listed.body.items.map((item) => [item.nodeId, item.event, item.state])).toEqual([
      ['1754400000001', 'pull_request', 'active'],
      ['1754400000002', 'issues', 'active'],
    ]);
    const off = await http.request<TriggerView>('PATCH', `${url}/1754400000002`, {
      body: { enabled: false },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ nodeId: '1754400000002', enabled: false, state: 'disabled' });
    expect((await http.request('PATCH', `${url}/nope`, { body: { enabled: false } })).status).toBe(404);
    expect((await http.request('PATCH', `${url}/1754400000002`, { body: { enabled: 'no' } })).status).toBe(
      400,
    );
    expect(
      (
        await http.request('PATCH', `${url}/1754400000002`, {
          token: http.tokens.viewer,
          body: { enabled: true },
        })
      ).status,
    ).toBe(403);
  });

  it("another workspace's token gets 404 for every workflow route", async () => {
    const { body: created } = await createYaml();
    const url = `/api/v1/workflows/${created.id}`;
    const token = http.tokens.stranger;
    const answers = await Promise.all([
      http.request('GET', url, { token }),
      http.request('GET', `${url}/draft`, { token }),
      http.request('PUT', `${url}/draft`, { token, body: { graph: { nodes: [], edges: [] } } }),
      http.request('POST', `${url}/publish`, { token }),
      http.request('GET', `${url}/export`, { token }),
      http.request('GET', `${url}/triggers`, { token }),
      http.request('PATCH', `${url}/triggers/1754400000001`, { token, body: { enabled: false } }),
      http.request('DELETE', url, { token }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(
      (await http.request<{ items: unknown[] }>('GET', '/api/v1/workflows', { token })).body.items,
    ).toEqual([]);
  });
});
