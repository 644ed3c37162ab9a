import { describe, expect, it } from 'vitest';
import { findCycles } from './find-cycles.js';
import { edge, end, graph, node, template } from './graph-builders.test-helpers.js';
import { indexGraph } from './graph-index.js';
import { downstreamNodes, topologicalOrder } from './graph-order.js';
import { liveSelectors, runScope } from './run-scope.js';

// Two GitHub triggers feed one aggregator; the pull-request branch has a step of its own.
const twoTriggers = graph(
  [
    node('pr', 'trigger-plugin'),
    node('issue', 'trigger-plugin'),
    template('pr-title', ['pr', 'pull_request']),
    node('merge', 'variable-aggregator', {
      variables: [
        ['pr-title', 'output'],
        ['issue', 'issue', 'title'],
      ],
    }),
    node('check', 'if-else', { cases: [{ case_id: 'long', conditions: [] }] }),
    template('say'),
    end('end', ['say', 'output']),
  ],
  [
    edge('pr', 'pr-title'),
    edge('pr-title', 'merge'),
    edge('issue', 'merge'),
    edge('merge', 'check'),
    edge('check', 'say', 'long'),
    edge('check', 'end', 'false'),
    edge('say', 'end'),
  ],
);

describe('topologicalOrder', () => {
  it('topologicalOrder puts every node after its sources, ties in graph order', () => {
    expect(topologicalOrder(twoTriggers)).toEqual([
      'pr',
      'issue',
      'pr-title',
      'merge',
      'check',
      'say',
      'end',
    ]);
  });

  it('topologicalOrder throws on a cycle, naming its nodes', () => {
    const looped = graph(
      [node('s', 'start'), template('a'), template('b')],
      [edge('s', 'a'), edge('a', 'b'), edge('b', 'a')],
    );
    expect(() => topologicalOrder(looped)).toThrow('workflow graph has a cycle through nodes "a", "b"');
  });
});

describe('findCycles', () => {
  it('findCycles returns each cycle once, in graph order, and nothing for a DAG', () => {
    const looped = graph(
      [node('s', 'start'), template('a'), template('b'), template('c'), template('d')],
      [edge('s', 'a'), edge('a', 'b'), edge('b', 'a'), edge('b', 'c'), edge('c', 'd'), edge('d', 'd')],
    );
    expect(findCycles(indexGraph(looped))).toEqual([['a', 'b'], ['d']]);
    expect(findCycles(indexGraph(twoTriggers))).toEqual([]);
  });
});

describe('downstreamNodes', () => {
  it('downstreamNodes follows one handle, or all handles without one', () => {
    const index = indexGraph(twoTriggers);
    expect(downstreamNodes(index, 'check', 'long')).toEqual(['say']);
    expect(downstreamNodes(index, 'check', 'false')).toEqual(['end']);
    expect(downstreamNodes(index, 'check')).toEqual(['say', 'end']);
    expect(downstreamNodes(index, 'end')).toEqual([]);
  });
});

describe('runScope', () => {
  it('runScope keeps only what one trigger reaches, and edges from it', () => {
    const scope = runScope(indexGraph(twoTriggers), 'issue');
    expect(scope.order).toEqual(['issue', 'merge', 'check', 'say', 'end']);
    expect(scope.incoming('merge').map((incoming) => incoming.source)).toEqual(['issue']);
    expect(scope.incoming('end').map((incoming) => incoming.source)).toEqual(['check', 'say']);
    expect(scope.nodeIds.has('pr-title')).toBe(false);
  });

  it('runScope refuses a node that is not a trigger', () => {
    expect(() => runScope(indexGraph(twoTriggers), 'merge')).toThrow(
      'node "merge" is not a start or trigger node',
    );
  });

  it('liveSelectors keeps the aggregator inputs of this run, sys and env', () => {
    const inputs = [
      ['pr-title', 'output'],
      ['issue', 'issue', 'title'],
      ['sys', 'user_id'],
      ['env', 'region'],
    ];
    const index = indexGraph(twoTriggers);
    expect(liveSelectors(runScope(index, 'issue'), inputs)).toEqual([
      ['issue', 'issue', 'title'],
      ['sys', 'user_id'],
      ['env', 'region'],
    ]);
    expect(liveSelectors(runScope(index, 'pr'), inputs)).toEqual([
      ['pr-title', 'output'],
      ['sys', 'user_id'],
      ['env', 'region'],
    ]);
  });
});
