import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { edge, end, node } from '../graph/graph-builders.test-helpers.js';
import { DEFAULT_DSL_VERSION, exportWorkflowDocument } from './export-dsl.js';
import { editedFixture, fixture, graphOf } from './fixtures.test-helpers.js';
import { parseWorkflowDocument } from './parse-dsl.js';
import type { WorkflowDocument } from './workflow-document.js';

function read(text: string): WorkflowDocument {
  const result = parseWorkflowDocument(text, 'yaml');
  if (!result.ok) throw new Error(`refused: ${result.problems.map((problem) => problem.message).join('\n')}`);
  return result.workflow;
}

const VALID_FIXTURES = [
  'github-two-triggers.yml',
  'webhook-trigger.yml',
  'schedule-trigger.yml',
  'start-code-http.yml',
];

describe('exportWorkflowDocument', () => {
  it.each(VALID_FIXTURES)('exportWorkflowDocument round-trips %s to the same workflow', (name) => {
    const imported = read(fixture(name));
    const exported = exportWorkflowDocument(imported);
    expect(read(exported)).toEqual(imported);
    expect(exportWorkflowDocument(read(exported))).toBe(exported);
  });

  it('exportWorkflowDocument writes the document as Dify does, canvas notes included', () => {
    const original: unknown = parse(fixture('github-two-triggers.yml'));
    const exported = parse(exportWorkflowDocument(read(fixture('github-two-triggers.yml')))) as Record<
      string,
      unknown
    >;
    expect(exported).toEqual(original);
    expect(Object.keys(exported)).toEqual(['app', 'dependencies', 'kind', 'version', 'workflow']);
  });

  it('exportWorkflowDocument clears subscription ids and webhook URLs when asked to, as Dify does', () => {
    const workflow = read(fixture('github-two-triggers.yml'));
    expect(workflow.graph.nodes[0]?.data).toMatchObject({
      subscription_id: '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63',
    });
    const cleared = read(exportWorkflowDocument(workflow, { clearWorkspaceBindings: true }));
    expect(cleared.graph.nodes[0]?.data).toMatchObject({ subscription_id: '' });
    expect(cleared.graph.nodes[1]?.data).toMatchObject({ subscription_id: '' });
    expect(cleared.graph.nodes[2]?.data).toEqual(workflow.graph.nodes[2]?.data);

    const hook = editedFixture('webhook-trigger.yml', (document) => {
      graphOf(document).nodes[0]!.data.webhook_url = 'https://tripline.example.com/triggers/webhook/abc';
    });
    expect(
      read(exportWorkflowDocument(read(hook), { clearWorkspaceBindings: true })).graph.nodes[0]?.data,
    ).toMatchObject({
      webhook_url: '',
      webhook_debug_url: '',
    });
    expect(read(exportWorkflowDocument(read(hook))).graph.nodes[0]?.data).toMatchObject({
      webhook_url: 'https://tripline.example.com/triggers/webhook/abc',
    });
  });

  it('exportWorkflowDocument gives a workflow made without a document the fields Dify expects', () => {
    const workflow: WorkflowDocument = {
      name: 'Made here',
      description: '',
      icon: { type: 'emoji', value: '🪝', background: '#FFFFFF' },
      graph: {
        nodes: [node('hook', 'trigger-webhook'), end('end')],
        edges: [edge('hook', 'end')],
      },
      environmentVariables: [{ name: 'region', valueType: 'string', value: 'eu', description: '' }],
      extras: {},
    };
    const document: unknown = parse(exportWorkflowDocument(workflow));
    expect(document).toMatchObject({
      version: DEFAULT_DSL_VERSION,
      kind: 'app',
      app: { name: 'Made here', mode: 'workflow', icon: '🪝', icon_type: 'emoji' },
      dependencies: [],
      workflow: {
        conversation_variables: [],
        environment_variables: [{ name: 'region', value_type: 'string', value: 'eu', description: '' }],
        graph: {
          nodes: [
            { id: 'hook', type: 'custom' },
            { id: 'end', type: 'custom' },
          ],
          edges: [
            {
              id: 'hook-source-end-target',
              type: 'custom',
              data: {
                sourceType: 'trigger-webhook',
                targetType: 'end',
                isInIteration: false,
                isInLoop: false,
              },
            },
          ],
          viewport: { x: 0, y: 0, zoom: 1 },
        },
      },
    });
    const again = read(exportWorkflowDocument(workflow));
    expect(again.graph.nodes.map(({ id, type, data }) => ({ id, type, data }))).toEqual(workflow.graph.nodes);
    expect(again.graph.edges.map(({ extra, ...core }) => core)).toEqual(workflow.graph.edges);
  });

  it('exportWorkflowDocument fills in the canvas fields a hand-written document lacks, then stays stable', () => {
    const text = editedFixture('webhook-trigger.yml', (document) => {
      const { nodes, edges } = graphOf(document);
      for (const node of nodes) for (const key of ['type', 'width', 'height', 'position']) delete node[key];
      for (const edge of edges) for (const key of ['type', 'zIndex', 'data']) delete edge[key];
    });
    const once = exportWorkflowDocument(read(text));
    expect(read(once).graph.nodes[0]?.extra).toEqual({ type: 'custom' });
    expect(read(once).graph.edges[0]?.extra).toEqual({
      type: 'custom',
      zIndex: 0,
      data: {
        sourceType: 'trigger-webhook',
        targetType: 'template-transform',
        isInIteration: false,
        isInLoop: false,
      },
    });
    expect(read(once).graph.edges.map(({ extra, ...core }) => core)).toEqual(
      read(text).graph.edges.map(({ extra, ...core }) => core),
    );
    expect(exportWorkflowDocument(read(once))).toBe(once);
  });

  it('exportWorkflowDocument writes multi-line code as a readable block', () => {
    const exported = exportWorkflowDocument(read(fixture('start-code-http.yml')));
    expect(exported).toContain('code: |-\n            function main({ body }) {\n');
  });
});
