import type { WorkflowNode } from '../workflow-graph.js';

/** How messages name a node: `nodes[3] id "1711" (code)`. */
export function nodeLabel(position: number, node: Pick<WorkflowNode, 'id' | 'type'>): string {
  return `nodes[${position}] id "${node.id}" (${node.type})`;
}

/** A list of node ids for messages: `"a", "b", "c"`. */
export function quoteIds(ids: readonly string[]): string {
  return ids.map((id) => `"${id}"`).join(', ');
}
