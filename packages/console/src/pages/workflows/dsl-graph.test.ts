import { describe, expect, it } from 'vitest';
import type { DslGraph } from '../../api/workflow-types.js';
import { toGraphSpecs } from './dsl-graph.js';

const graph: DslGraph = {
  nodes: [
    { id: 't', data: { type: 'trigger-plugin', title: 'PR opened' }, position: { x: 0, y: 0 } },
    {
      id: 'if',
      data: { type: 'if-else', title: '', cases: [{ case_id: 'true' }, { case_id: 'c2' }] },
      position: { x: 300, y: 0 },
    },
    { id: 'end', data: { type: 'end', title: 'End' }, position: { x: 600, y: 0 } },
    { id: 'note', type: 'custom-note', data: { type: '', text: 'a note' } },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'source', target: 'if', targetHandle: 'target' },
    { id: 'e2', source: 'if', sourceHandle: 'true', target: 'end', targetHandle: 'target' },
    { id: 'e3', source: 'if', sourceHandle: 'false', target: 'end', targetHandle: 'target' },
  ],
};

describe('toGraphSpecs', () => {
  it('labels nodes by title and type, leaves canvas notes out and keeps positions', () => {
    const { nodes } = toGraphSpecs(graph);
    expect(nodes.map((node) => [node.id, node.title, node.kind, node.entry])).toEqual([
      ['t', 'PR opened', 'trigger-plugin', true],
      ['if', 'if', 'if-else', false],
      ['end', 'End', 'end', false],
    ]);
    expect(nodes[2]?.position).toEqual({ x: 600, y: 0 });
  });

  it('gives an if-else one handle per case and ELSE, and labels its edges so', () => {
    const { nodes, edges } = toGraphSpecs(graph);
    expect(nodes[1]?.sourceHandles).toEqual([
      { id: 'true', label: 'IF' },
      { id: 'c2', label: 'ELIF' },
      { id: 'false', label: 'ELSE' },
    ]);
    expect(nodes[2]?.sourceHandles).toEqual([]);
    expect(edges.map((edge) => [edge.id, edge.sourceHandle, edge.label])).toEqual([
      ['e1', 'source', undefined],
      ['e2', 'true', 'IF'],
      ['e3', 'false', 'ELSE'],
    ]);
  });
});
