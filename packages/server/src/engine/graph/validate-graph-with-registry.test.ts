import { describe, expect, it } from 'vitest';
import { fixture } from '../dsl/fixtures.test-helpers.js';
import { parseWorkflowDocument } from '../dsl/parse-dsl.js';
import type { WorkflowDocument } from '../dsl/workflow-document.js';
import { validateGraphWithRegistry } from './validate-graph-with-registry.js';

function read(name: string): WorkflowDocument {
  const result = parseWorkflowDocument(fixture(name), 'yaml');
  if (!result.ok) throw new Error(`refused: ${result.problems.map((problem) => problem.message).join('\n')}`);
  return result.workflow;
}

function problems(name: string): string[] {
  const workflow = read(name);
  return validateGraphWithRegistry(workflow.graph, {
    environmentVariables: workflow.environmentVariables.map((variable) => variable.name),
  }).map((problem) => problem.message);
}

describe('validateGraphWithRegistry', () => {
  it.each(['github-two-triggers.yml', 'webhook-trigger.yml', 'schedule-trigger.yml', 'start-code-http.yml'])(
    'validateGraphWithRegistry accepts %s with the real node definitions',
    (name) => {
      expect(problems(name)).toEqual([]);
    },
  );

  it('validateGraphWithRegistry refuses a reference to a downstream node with the real definitions', () => {
    expect(problems('refused-downstream-reference.yml')).toEqual([
      'nodes[1] id "greeting" (template-transform) references {{#compute.rank#}}, but node "compute" is downstream of it; a node can read only nodes that run before it',
    ]);
  });
});
