import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscription } from '../../store/contract-fixtures.js';
import type { SubscriptionRecord } from '../../store/records.js';
import { twoTriggerYaml } from '../../workflows/workflow-fixtures.test-helpers.js';
import type {
  WorkflowVersionSummaryView,
  WorkflowVersionView,
} from '../../workflows/workflow-version-view.js';
import type { DraftView, WorkflowView } from '../../workflows/workflow-view.js';
import { startWorkflowApi, type WorkflowApi } from './workflow-api.test-helpers.js';

type VersionList = { items: WorkflowVersionSummaryView[] };

describe('workflow version routes', () => {
  let http: WorkflowApi;
  let subscription: SubscriptionRecord;
  beforeAll(async () => {
    http = await startWorkflowApi();
    subscription = await createSubscription(http.api.store, http.owner.workspaceId, 'GitHub hook');
  });
  afterAll(() => http.api.close());

  async function createWorkflow(): Promise<string> {
    const created = await http.request<WorkflowView>('POST', '/api/v1/workflows', {
      body: twoTriggerYaml(subscription.id),
      contentType: 'application/yaml',
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** Publishes the draft with the end node renamed, so each version's graph can be told apart. */
  async function publishWithEndTitled(workflowId: string, title: string): Promise<DraftView> {
    const url = `/api/v1/workflows/${workflowId}`;
    const draft = await http.request<DraftView>('GET', `${url}/draft`);
    const nodes = draft.body.graph.nodes.map((node) => {
      const data = node.data as Record<string, unknown>;
      return data.type === 'end' ? { ...node, data: { ...data, title } } : node;
    });
    const saved = await http.request<DraftView>('PUT', `${url}/draft`, {
      body: { graph: { ...draft.body.graph, nodes } },
    });
    expect(saved.status).toBe(200);
    expect((await http.request('POST', `${url}/publish`)).status).toBe(200);
    return saved.body;
  }

  function endTitle(graph: DraftView['graph']): unknown {
    return graph.nodes.map((node) => node.data as Record<string, unknown>).find((data) => data.type === 'end')
      ?.title;
  }

  it('GET versions lists every published version newest first; a draft-only workflow has none', async () => {
    const workflowId = await createWorkflow();
    const url = `/api/v1/workflows/${workflowId}/versions`;
    expect((await http.request<VersionList>('GET', url)).body).toEqual({ items: [] });
    await publishWithEndTitled(workflowId, 'First');
    await publishWithEndTitled(workflowId, 'Second');
    const listed = await http.request<VersionList>('GET', url, { token: http.tokens.viewer });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.version)).toEqual([2, 1]);
    for (const item of listed.body.items) {
      expect(item).toEqual({
        id: expect.any(String),
        workflowId,
        version: item.version,
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        publishedBy: http.owner.memberId,
      });
    }
    const workflow = await http.request<WorkflowView>('GET', `/api/v1/workflows/${workflowId}`);
    expect(listed.body.items[0]?.id).toBe(workflow.body.publishedVersionId);
  });

  it('GET a version answers its own graph, in the shape GET draft gives, not the later draft', async () => {
    const workflowId = await createWorkflow();
    const first = await publishWithEndTitled(workflowId, 'First');
    await publishWithEndTitled(workflowId, 'Second');
    await publishWithEndTitled(workflowId, 'Draft only');
    const url = `/api/v1/workflows/${workflowId}/versions`;
    const { body: list } = await http.request<VersionList>('GET', url);
    const oldest = list.items.at(-1);
    const version = await http.request<WorkflowVersionView>('GET', `${url}/${oldest?.id}`);
    expect(version.status).toBe(200);
    expect(version.body).toEqual({
      ...oldest,
      name: first.name,
      description: first.description,
      graph: first.graph,
      environmentVariables: first.environmentVariables,
    });
    expect(endTitle(version.body.graph)).toBe('First');
    const newest = await http.request<WorkflowVersionView>('GET', `${url}/${list.items[0]?.id}`);
    expect(endTitle(newest.body.graph)).toBe('Draft only');
  });

  it('answers 404 for an unknown version, a version of another workflow, and to another workspace', async () => {
    const workflowId = await createWorkflow();
    const otherWorkflowId = await createWorkflow();
    await publishWithEndTitled(workflowId, 'Mine');
    await publishWithEndTitled(otherWorkflowId, 'Sibling');
    const { body: siblings } = await http.request<VersionList>(
      'GET',
      `/api/v1/workflows/${otherWorkflowId}/versions`,
    );
    const url = `/api/v1/workflows/${workflowId}/versions`;
    const crossed = await http.request('GET', `${url}/${siblings.items[0]?.id}`);
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.message).toBe(
      `workflow "${workflowId}" has no published version "${siblings.items[0]?.id}"; GET /api/v1/workflows/${workflowId}/versions lists its versions`,
    );
    expect((await http.request('GET', `${url}/no-such-version`)).status).toBe(404);

    const { body: mine } = await http.request<VersionList>('GET', url);
    const token = http.tokens.stranger;
    const foreign = await Promise.all([
      http.request('GET', url, { token }),
      http.request('GET', `${url}/${mine.items[0]?.id}`, { token }),
    ]);
    expect(foreign.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [404, 'not_found'],
      [404, 'not_found'],
    ]);
    expect(JSON.stringify(foreign.map((answer) => answer.body))).not.toContain('Mine');
  });

  it('describes both routes in the OpenAPI document', async () => {
    const response = await http.api.app.inject({ method: 'GET', url: '/openapi.json' });
    const paths = response.json().paths;
    expect(paths['/api/v1/workflows/{id}/versions'].get.operationId).toBe('listWorkflowVersions');
    const one = paths['/api/v1/workflows/{id}/versions/{versionId}'].get;
    expect(one.operationId).toBe('getWorkflowVersion');
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '404']));
  });
});
