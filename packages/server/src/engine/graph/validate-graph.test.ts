import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../workflow-graph.js';
import { fakeNodeDefinitions } from './fake-node-definitions.test-helpers.js';
import { edge, end, graph, node, template } from './graph-builders.test-helpers.js';
import { validateGraph } from './validate-graph.js';

const definitions = fakeNodeDefinitions();

function messages(subject: WorkflowGraph, environmentVariables?: string[]): string[] {
  return validateGraph(subject, {
    definitions,
    ...(environmentVariables ? { environmentVariables } : {}),
  }).map((problem) => problem.message);
}

const ifElse = node('check', 'if-else', {
  cases: [
    { case_id: 'opened', logical_operator: 'and', conditions: [{ variable_selector: ['hook', 'action'] }] },
  ],
});

describe('validateGraph', () => {
  it('validateGraph accepts a trigger, an if-else with both branches and an end', () => {
    const subject = graph(
      [
        node('hook', 'trigger-webhook'),
        ifElse,
        template('yes', ['hook', 'action']),
        template('no'),
        end('end', ['yes', 'output']),
      ],
      [
        edge('hook', 'check'),
        edge('check', 'yes', 'opened'),
        edge('check', 'no', 'false'),
        edge('yes', 'end'),
        edge('no', 'end'),
      ],
    );
    expect(messages(subject)).toEqual([]);
  });

  it('validateGraph names repeated node ids and repeated edge ids', () => {
    const subject = graph(
      [node('start', 'start'), template('a'), template('a'), end('end')],
      [edge('start', 'a'), edge('start', 'a'), edge('a', 'end')],
    );
    expect(messages(subject)).toEqual([
      'nodes[2] id "a" repeats the id of nodes[1]; node ids must be unique',
      'edges[1] id "start-source-a-target" repeats the id of edges[0]; edge ids must be unique',
      'edges[1] id "start-source-a-target" connects "start" (source) to "a" again, like edges[0]; remove one',
    ]);
  });

  it('validateGraph refuses if-else handles other than its case ids and false', () => {
    const subject = graph(
      [node('hook', 'trigger-webhook'), ifElse, end('end')],
      [edge('hook', 'check'), edge('check', 'end', 'else'), edge('check', 'end', 'opened')],
    );
    expect(messages(subject)).toEqual([
      'edges[1] id "check-else-end-target": sourceHandle "else" is not a handle of node "check" (if-else); allowed: opened, false',
    ]);
  });

  it('validateGraph refuses handles on nodes that have only `source`, naming fail branches', () => {
    const subject = graph(
      [node('start', 'start'), node('run', 'code', { code: '' }), end('end')],
      [edge('start', 'run'), edge('run', 'end'), edge('run', 'end', 'fail-branch')],
    );
    expect(messages(subject)).toEqual([
      'edges[2] id "run-fail-branch-end-target": sourceHandle "fail-branch" is not a handle of node "run" (code) (fail branches of error handling are not supported); allowed: source',
    ]);
  });

  it('validateGraph refuses a start node combined with triggers, as Dify does', () => {
    const subject = graph(
      [node('start', 'start'), node('hook', 'trigger-webhook'), end('end')],
      [edge('start', 'end'), edge('hook', 'end')],
    );
    expect(messages(subject)).toEqual([
      'a start node cannot be combined with trigger nodes; keep either the start node "start" or the triggers "hook"',
    ]);
  });

  it('validateGraph refuses a graph without entry nodes', () => {
    expect(messages(graph([end('end')], []))).toEqual([
      'the workflow has no entry node; add a start node, or triggers (trigger-plugin, trigger-webhook, trigger-schedule)',
    ]);
  });

  it('validateGraph enforces the limits on start and trigger nodes', () => {
    const hooks = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((id) => node(id, 'trigger-webhook'));
    const subject = graph(
      [...hooks, end('end')],
      hooks.map((hook) => edge(hook.id, 'end')),
    );
    expect(messages(subject)).toEqual([
      'a workflow can have at most 5 trigger-webhook nodes; found 6: "h1", "h2", "h3", "h4", "h5", "h6"',
    ]);
    const starts = graph(
      [node('s1', 'start'), node('s2', 'start'), end('end')],
      [edge('s1', 'end'), edge('s2', 'end')],
    );
    expect(messages(starts)).toEqual(['a workflow can have at most 1 start node; found 2: "s1", "s2"']);
  });

  it('validateGraph refuses edges into an entry node', () => {
    const subject = graph(
      [node('a', 'trigger-webhook'), node('b', 'trigger-webhook'), end('end')],
      [edge('a', 'b'), edge('b', 'end')],
    );
    expect(messages(subject)).toEqual([
      'nodes[1] id "b" (trigger-webhook) is an entry node and cannot have incoming edges; found edges from "a"',
    ]);
  });

  it('validateGraph names nodes no entry node reaches, and entry nodes that reach no end', () => {
    const subject = graph(
      [node('a', 'trigger-webhook'), node('b', 'trigger-webhook'), template('orphan'), end('end')],
      [edge('a', 'end'), edge('orphan', 'end')],
    );
    expect(messages(subject)).toEqual([
      'nodes[2] id "orphan" (template-transform) is not reachable from any start or trigger node',
      'nodes[1] id "b" (trigger-webhook) reaches no end node; connect it to one of "end"',
    ]);
  });

  it('validateGraph refuses a workflow without an end node', () => {
    expect(messages(graph([node('start', 'start'), template('t')], [edge('start', 't')]))).toEqual([
      'the workflow has no end node; add one to hold its outputs',
    ]);
  });

  it('validateGraph reports a self-loop as a cycle', () => {
    const subject = graph(
      [node('start', 'start'), template('t'), end('end')],
      [edge('start', 't'), edge('t', 't'), edge('t', 'end')],
    );
    expect(messages(subject)).toEqual([
      'the graph has a cycle through nodes "t"; a workflow must not loop back to an earlier node',
    ]);
  });

  it('validateGraph passes node data problems on with the node named', () => {
    const subject = graph(
      [node('start', 'start'), node('run', 'code', { code: 42 }), end('end')],
      [edge('start', 'run'), edge('run', 'end')],
    );
    expect(validateGraph(subject, { definitions })).toEqual([
      { path: 'nodes[1]', message: 'nodes[1] id "run" (code): code must be a string' },
    ]);
  });

  it('validateGraph refuses nodes whose data.type disagrees with their type', () => {
    const subject = graph(
      [node('start', 'start'), { ...template('t'), data: { type: 'code', title: 't' } }, end('end')],
      [edge('start', 't'), edge('t', 'end')],
    );
    expect(messages(subject)).toEqual([
      'nodes[1] id "t" (template-transform): data.type "code" must equal the node type "template-transform"',
    ]);
  });

  it('validateGraph checks references against upstream nodes, their outputs, sys and env', () => {
    const subject = graph(
      [
        node('start', 'start', { variables: [{ variable: 'name' }] }),
        template(
          't',
          ['start', 'name'],
          ['start', 'age'],
          ['sys', 'user_id'],
          ['env', 'region'],
          ['env', 'missing'],
          ['ghost', 'x'],
          ['conversation', 'memory'],
          ['start'],
        ),
        end('end', ['t', 'output']),
      ],
      [edge('start', 't'), edge('t', 'end')],
    );
    expect(messages(subject, ['region'])).toEqual([
      'nodes[1] id "t" (template-transform) references {{#start.age#}}, but node "start" (start) outputs only: name',
      'nodes[1] id "t" (template-transform) references {{#env.missing#}}, but the workflow has no environment variable "missing"',
      'nodes[1] id "t" (template-transform) references {{#ghost.x#}}, but there is no node "ghost"',
      'nodes[1] id "t" (template-transform) references {{#conversation.memory#}}, but conversation variables exist only in chat apps',
      'nodes[1] id "t" (template-transform) references {{#start#}}, but a reference needs a node id and a variable name',
    ]);
  });

  it('validateGraph refuses references to nodes on another branch', () => {
    const subject = graph(
      [
        node('hook', 'trigger-webhook'),
        ifElse,
        template('yes'),
        template('no', ['yes', 'output']),
        end('end'),
      ],
      [
        edge('hook', 'check'),
        edge('check', 'yes', 'opened'),
        edge('check', 'no', 'false'),
        edge('yes', 'end'),
        edge('no', 'end'),
      ],
    );
    expect(messages(subject)).toEqual([
      'nodes[3] id "no" (template-transform) references {{#yes.output#}}, but node "yes" is not upstream of it; a node can read only nodes that run before it',
    ]);
  });

  it('validateGraph refuses node ids a reference cannot name and ids reserved for sys and env', () => {
    const subject = graph(
      [node('start', 'start'), template('has space'), template('env'), end('end')],
      [edge('start', 'end')],
    );
    expect(messages(subject).slice(0, 2)).toEqual([
      'nodes[1] id "has space": an id must be 1 to 64 letters, digits, _ or -, not starting with -',
      'nodes[2] id "env" is reserved for env variables; reserved ids: sys, env',
    ]);
  });

  it('validateGraph refuses unknown system variables and a node reading itself', () => {
    const subject = graph(
      [
        node('start', 'start'),
        template('t', ['sys', 'query'], ['sys', 'workflow_run_id'], ['t', 'output']),
        end('end'),
      ],
      [edge('start', 't'), edge('t', 'end')],
    );
    expect(messages(subject)).toEqual([
      'nodes[1] id "t" (template-transform) references {{#sys.query#}}, but there is no system variable "query"; available: workflow_id, workflow_run_id, app_id, user_id, timestamp, invoke_from',
      'nodes[1] id "t" (template-transform) references {{#t.output#}}, but that is its own output; a node can read only nodes that run before it',
    ]);
  });
});
