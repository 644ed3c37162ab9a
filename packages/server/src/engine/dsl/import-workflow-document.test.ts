import { describe, expect, it } from 'vitest';
import { fakeNodeDefinitions } from '../graph/fake-node-definitions.test-helpers.js';
import { editedFixture, fixture, graphOf } from './fixtures.test-helpers.js';
import { importWorkflowDocument } from './import-workflow-document.js';
import type { ParseWorkflowResult } from './workflow-document.js';

const definitions = fakeNodeDefinitions();

function importYaml(text: string): ParseWorkflowResult {
  return importWorkflowDocument({ text, format: 'yaml', definitions });
}

function refusals(result: ParseWorkflowResult): string[] {
  if (result.ok) throw new Error('the document was accepted');
  return result.problems.map((problem) => problem.message);
}

describe('importWorkflowDocument', () => {
  it.each(['github-two-triggers.yml', 'webhook-trigger.yml', 'schedule-trigger.yml', 'start-code-http.yml'])(
    'importWorkflowDocument accepts %s',
    (name) => {
      const result = importYaml(fixture(name));
      expect(result.ok ? [] : result.problems).toEqual([]);
    },
  );

  it('importWorkflowDocument refuses six plugin triggers, naming them', () => {
    expect(refusals(importYaml(fixture('refused-six-plugin-triggers.yml')))).toEqual([
      'a workflow can have at most 5 trigger-plugin nodes; found 6: "gh-1", "gh-2", "gh-3", "gh-4", "gh-5", "gh-6"',
    ]);
  });

  it('importWorkflowDocument refuses two schedule triggers, naming them', () => {
    expect(refusals(importYaml(fixture('refused-two-schedules.yml')))).toEqual([
      'a workflow can have at most 1 trigger-schedule node; found 2: "morning", "evening"',
    ]);
  });

  it('importWorkflowDocument refuses a cycle, naming its nodes', () => {
    expect(refusals(importYaml(fixture('refused-cycle.yml')))).toEqual([
      'the graph has a cycle through nodes "step-a", "step-b"; a workflow must not loop back to an earlier node',
    ]);
  });

  it('importWorkflowDocument refuses an edge to a node that does not exist', () => {
    expect(refusals(importYaml(fixture('refused-dangling-edge.yml')))).toEqual([
      'edges[1] id "e2": target "deleted-node" is not a node of this workflow',
    ]);
  });

  it('importWorkflowDocument refuses a reference to a downstream node', () => {
    expect(refusals(importYaml(fixture('refused-downstream-reference.yml')))).toEqual([
      'nodes[1] id "greeting" (template-transform) references {{#compute.rank#}}, but node "compute" is downstream of it; a node can read only nodes that run before it',
    ]);
  });

  it('importWorkflowDocument refuses llm, knowledge-retrieval and iteration nodes before looking at the graph', () => {
    const [message, ...rest] = refusals(importYaml(fixture('refused-unsupported-nodes.yml')));
    expect(rest).toEqual([]);
    expect(message).toContain('nodes[1] id "1711" type "llm", nodes[2] id "1712" type "knowledge-retrieval"');
    expect(message).toContain('nodes[3] id "1713" type "iteration"');
  });

  it('importWorkflowDocument refuses a start node next to triggers', () => {
    const text = editedFixture('webhook-trigger.yml', (document) => {
      graphOf(document).nodes.push({
        id: 'manual',
        type: 'custom',
        data: { type: 'start', title: 'Start', variables: [] },
      });
      graphOf(document).edges.push({ id: 'm', source: 'manual', target: '1754500000002' });
    });
    expect(refusals(importYaml(text))).toEqual([
      'a start node cannot be combined with trigger nodes; keep either the start node "manual" or the triggers "1754500000001"',
    ]);
  });

  it('importWorkflowDocument checks env references against the document environment variables', () => {
    const text = editedFixture('github-two-triggers.yml', (document) => {
      document.workflow!.environment_variables[0]!.name = 'room';
    });
    expect(refusals(importYaml(text))).toEqual([
      'nodes[4] id "1754400000005" (template-transform) references {{#env.channel#}}, but the workflow has no environment variable "channel"',
    ]);
  });
});
