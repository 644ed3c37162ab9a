import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editedFixture, fixture, fixtureDocument, graphOf } from './fixtures.test-helpers.js';
import { parseWorkflowDocument } from './parse-dsl.js';
import type { ParseWorkflowResult, WorkflowDocument } from './workflow-document.js';

function accepted(result: ParseWorkflowResult): WorkflowDocument {
  if (!result.ok) throw new Error(`refused: ${result.problems.map((problem) => problem.message).join('\n')}`);
  return result.workflow;
}

function refusals(result: ParseWorkflowResult): string[] {
  if (result.ok) throw new Error('the document was accepted');
  return result.problems.map((problem) => problem.message);
}

describe('parseWorkflowDocument', () => {
  it('parseWorkflowDocument reads a two-trigger GitHub workflow with its canvas and extras', () => {
    const workflow = accepted(parseWorkflowDocument(fixture('github-two-triggers.yml'), 'yaml'));
    expect(workflow.name).toBe('GitHub new work');
    expect(workflow.icon).toEqual({ type: 'emoji', value: '🐙', background: '#E4FBCC' });
    expect(workflow.graph.nodes.map((node) => `${node.id}:${node.type}`)).toEqual([
      '1754400000001:trigger-plugin',
      '1754400000002:trigger-plugin',
      '1754400000003:variable-aggregator',
      '1754400000004:if-else',
      '1754400000005:template-transform',
      '1754400000006:end',
    ]);
    const first = workflow.graph.nodes[0]!;
    expect(first.position).toEqual({ x: 80, y: 200 });
    expect(first.extra).toMatchObject({ type: 'custom', width: 244, height: 90, sourcePosition: 'right' });
    expect(first.data).toMatchObject({
      event_name: 'pull_request',
      event_parameters: { actions: { value: ['opened'] } },
    });
    expect(workflow.graph.edges[3]).toMatchObject({
      source: '1754400000004',
      sourceHandle: 'true',
      target: '1754400000005',
    });
    expect(workflow.environmentVariables).toEqual([
      {
        id: '0b7c6a38-6a4f-4f8e-9d55-0c3f1a7e2b11',
        name: 'channel',
        valueType: 'string',
        value: '#dev',
        description: 'Where summaries go',
        extra: { selector: ['env', 'channel'] },
      },
    ]);
    expect(workflow.extras.notes).toHaveLength(1);
    expect(workflow.extras.version).toBe('0.5.0');
    expect(workflow.extras.app).toEqual({ use_icon_as_answer_icon: false });
  });

  it('parseWorkflowDocument reads webhook, schedule and start workflows', () => {
    const webhook = accepted(parseWorkflowDocument(fixture('webhook-trigger.yml'), 'yaml'));
    expect(webhook.graph.nodes[0]?.data).toMatchObject({ type: 'trigger-webhook', method: 'post' });
    const schedule = accepted(parseWorkflowDocument(fixture('schedule-trigger.yml'), 'yaml'));
    expect(schedule.graph.nodes[0]?.data).toMatchObject({
      cron_expression: '0 8 * * 1-5',
      timezone: 'Europe/Berlin',
    });
    const start = accepted(parseWorkflowDocument(fixture('start-code-http.yml'), 'yaml'));
    expect(start.graph.nodes.map((node) => node.type)).toEqual(['start', 'http-request', 'code', 'end']);
    expect(start.environmentVariables[0]).toMatchObject({
      name: 'max_requests',
      valueType: 'number',
      value: 3,
    });
  });

  it('parseWorkflowDocument reads the same document written as JSON', () => {
    const yaml = accepted(parseWorkflowDocument(fixture('webhook-trigger.yml'), 'yaml'));
    const json = JSON.stringify(parse(fixture('webhook-trigger.yml')), null, 2);
    const fromJson = parseWorkflowDocument(json, 'json');
    expect(accepted(fromJson)).toEqual(yaml);
  });

  it('parseWorkflowDocument lists every unsupported node in one problem', () => {
    expect(refusals(parseWorkflowDocument(fixture('refused-unsupported-nodes.yml'), 'yaml'))).toEqual([
      'nodes[1] id "1711" type "llm", nodes[2] id "1712" type "knowledge-retrieval", nodes[3] id "1713" type "iteration", ' +
        'nodes[4] id "1713start" type "iteration-start" are not supported; supported types: start, trigger-plugin, ' +
        'trigger-webhook, trigger-schedule, variable-aggregator, if-else, template-transform, code, http-request, end',
    ]);
  });

  it('parseWorkflowDocument refuses chat apps, saying only workflow apps are supported', () => {
    expect(refusals(parseWorkflowDocument(fixture('refused-chat-mode.yml'), 'yaml'))).toEqual([
      'app.mode is "advanced-chat", but only workflow apps are supported (advanced-chat, chat, agent-chat, completion apps are not); export a workflow app from Dify',
    ]);
    const completion = editedFixture('webhook-trigger.yml', (document) => {
      document.app.mode = 'completion';
      delete document.workflow;
      document.model_config = {};
    });
    expect(refusals(parseWorkflowDocument(completion, 'yaml'))[0]).toContain('app.mode is "completion"');
  });

  it('parseWorkflowDocument refuses documents that are not kind app', () => {
    const pipeline = editedFixture('webhook-trigger.yml', (document) => {
      document.kind = 'rag_pipeline';
    });
    expect(refusals(parseWorkflowDocument(pipeline, 'yaml'))).toEqual([
      'kind must be "app"; found "rag_pipeline"',
    ]);
    const missing = editedFixture('webhook-trigger.yml', (document) => {
      delete document.kind;
    });
    expect(refusals(parseWorkflowDocument(missing, 'yaml'))).toEqual(['kind must be "app"; found nothing']);
    expect(refusals(parseWorkflowDocument('- just\n- a list\n', 'yaml'))).toEqual([
      'the document must be a mapping with version, kind, app and workflow',
    ]);
  });

  it('parseWorkflowDocument reports YAML syntax errors with line and column', () => {
    const broken = 'version: 0.5.0\nkind: app\napp:\n  name: [unclosed\n  mode: workflow\n';
    const [message] = refusals(parseWorkflowDocument(broken, 'yaml'));
    expect(message).toMatch(/^YAML syntax error at line \d+, column \d+: \S/);
    expect(refusals(parseWorkflowDocument('kind: app\nkind: app\n', 'yaml'))).toEqual([
      'YAML syntax error at line 2, column 1: Map keys must be unique',
    ]);
  });

  it('parseWorkflowDocument reports JSON syntax errors with line and column', () => {
    expect(refusals(parseWorkflowDocument('{\n  "kind": "app",\n}', 'json'))).toEqual([
      'JSON syntax error at line 3, column 1: Expected double-quoted property name',
    ]);
  });

  it('parseWorkflowDocument refuses documents over the size and node limits', () => {
    const text = fixture('webhook-trigger.yml');
    expect(refusals(parseWorkflowDocument(text, 'yaml', { limits: { maxBytes: 1024 } }))).toEqual([
      `the document is ${Buffer.byteLength(text)} bytes; the limit is 1 KiB`,
    ]);
    const huge = `${text}\n# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    expect(refusals(parseWorkflowDocument(huge, 'yaml'))[0]).toMatch(
      /^the document is \d+ bytes; the limit is 2 MiB$/,
    );
    const crowded = fixtureDocument('webhook-trigger.yml');
    const { nodes } = graphOf(crowded);
    for (let i = 0; i < 497; i += 1) nodes.push({ ...nodes[1]!, id: `extra-${i}` });
    expect(accepted(parseWorkflowDocument(JSON.stringify(crowded), 'json')).graph.nodes).toHaveLength(500);
    nodes.push({ ...nodes[1]!, id: 'one-too-many' });
    expect(refusals(parseWorkflowDocument(JSON.stringify(crowded), 'json'))).toEqual([
      'the workflow has 501 nodes; the limit is 500',
    ]);
  });

  it('parseWorkflowDocument refuses YAML that multiplies itself through aliases', () => {
    // Ten levels of ten aliases each to the level before: 10^10 nodes once expanded.
    const keys = [...'abcdefghijk'];
    const lines = [`a: &a [${Array(10).fill('x').join(', ')}]`];
    for (let i = 1; i < keys.length; i += 1) {
      lines.push(
        `${keys[i]}: &${keys[i]} [${Array(10)
          .fill(`*${keys[i - 1]}`)
          .join(', ')}]`,
      );
    }
    const bomb = lines.join('\n');
    expect(refusals(parseWorkflowDocument(bomb, 'yaml'))).toEqual([
      'the YAML document cannot be read: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  it('parseWorkflowDocument refuses secret environment variables and conversation variables, all at once', () => {
    const text = editedFixture('github-two-triggers.yml', (document) => {
      document.workflow!.environment_variables.push({ name: 'token', value_type: 'secret', value: '' });
      document.workflow!.conversation_variables = [{ name: 'memory', value_type: 'string', value: '' }];
      document.workflow!.features.file_upload.enabled = true;
      graphOf(document).nodes[2]!.data.type = 'llm';
    });
    expect(refusals(parseWorkflowDocument(text, 'yaml'))).toEqual([
      expect.stringMatching(
        /^nodes\[2\] id "1754400000003" type "llm" is not supported; supported types: start, /,
      ),
      'workflow.environment_variables[1] "token" is a secret variable; Tripline does not store secrets in workflows (they would be kept and exported unencrypted): make it a string variable if it is not secret, or remove it',
      'workflow.conversation_variables "memory": conversation variables belong to chat apps and Tripline runs workflow apps only; remove them',
      'workflow.features.file_upload is enabled, but Tripline runs take no uploaded files; disable file upload',
    ]);
  });

  it('parseWorkflowDocument reads numeric ids as strings and fills Dify default handles', () => {
    const text = editedFixture('webhook-trigger.yml', (document) => {
      const { nodes, edges } = graphOf(document);
      nodes[0]!.id = 1001;
      const first = edges[0]!;
      first.source = 1001;
      delete first.id;
      delete first.sourceHandle;
      delete first.targetHandle;
      nodes[1]!.data.variables![0]!.value_selector = ['1001', 'order_id'];
    });
    const workflow = accepted(parseWorkflowDocument(text, 'yaml'));
    expect(workflow.graph.nodes[0]?.id).toBe('1001');
    expect(workflow.graph.edges[0]).toMatchObject({
      id: '1001-source-1754500000002-target',
      source: '1001',
      sourceHandle: 'source',
      targetHandle: 'target',
    });
  });

  it('parseWorkflowDocument names malformed nodes and edges by position', () => {
    const text = editedFixture('webhook-trigger.yml', (document) => {
      delete graphOf(document).nodes[1]!.data.title;
      graphOf(document).edges[1]!.target = { not: 'an id' };
      document.app.name = '';
    });
    expect(refusals(parseWorkflowDocument(text, 'yaml'))).toEqual([
      'app.name must be a non-empty string',
      'nodes[1] id "1754500000002" (template-transform): data.title must be a string',
      'edges[1]: target must be a node id',
    ]);
  });
});
