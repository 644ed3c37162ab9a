import type { NodeType, WorkflowEdge, WorkflowGraph, WorkflowNode } from '../workflow-graph.js';

/** A node with Dify-shaped data: `type` and `title` plus the fields given. */
export function node(id: string, type: NodeType, data: Record<string, unknown> = {}): WorkflowNode {
  return { id, type, data: { type, title: id, ...data } };
}

/** An edge with Dify's id scheme. */
export function edge(source: string, target: string, sourceHandle = 'source'): WorkflowEdge {
  return {
    id: `${source}-${sourceHandle}-${target}-target`,
    source,
    sourceHandle,
    target,
    targetHandle: 'target',
  };
}

export function graph(nodes: WorkflowNode[], edges: WorkflowEdge[]): WorkflowGraph {
  return { nodes, edges };
}

/** An end node that outputs the given selectors as `out0`, `out1`... */
export function end(id: string, ...selectors: string[][]): WorkflowNode {
  return node(id, 'end', {
    outputs: selectors.map((selector, index) => ({ variable: `out${index}`, value_selector: selector })),
  });
}

/** A template node reading the given selectors. */
export function template(id: string, ...selectors: string[][]): WorkflowNode {
  return node(id, 'template-transform', {
    template: '',
    variables: selectors.map((selector, index) => ({ variable: `v${index}`, value_selector: selector })),
  });
}
