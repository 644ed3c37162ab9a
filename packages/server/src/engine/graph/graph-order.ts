import type { WorkflowGraph } from '../workflow-graph.js';
import { findCycles } from './find-cycles.js';
import { type GraphIndex, indexGraph } from './graph-index.js';

/**
 * Node ids so that every edge goes from an earlier to a later node; among nodes that are ready at
 * the same time, the one listed first in the graph comes first, so the order is stable. Only
 * validated graphs reach the engine, so a cycle here is a bug and throws.
 */
export function topologicalOrder(graphOrIndex: WorkflowGraph | GraphIndex): string[] {
  const index = toIndex(graphOrIndex);
  const remaining = new Map<string, number>();
  for (const [id, edges] of index.incoming) remaining.set(id, edges.length);
  const ready = [...remaining].filter(([, count]) => count === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => index.positionById.get(a)! - index.positionById.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const edge of index.outgoing.get(id) ?? []) {
      const left = remaining.get(edge.target)! - 1;
      remaining.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  if (order.length < index.nodeById.size) {
    const cycle = findCycles(index)[0] ?? [];
    throw new Error(`workflow graph has a cycle through nodes ${cycle.map((id) => `"${id}"`).join(', ')}`);
  }
  return order;
}

/**
 * The nodes an edge leads to from `nodeId`, in edge order without repeats; with `handle`, only
 * edges leaving from that handle (an if-else case id, `false`, or `source`).
 */
export function downstreamNodes(index: GraphIndex, nodeId: string, handle?: string): string[] {
  const targets: string[] = [];
  for (const edge of index.outgoing.get(nodeId) ?? []) {
    if (handle !== undefined && edge.sourceHandle !== handle) continue;
    if (!targets.includes(edge.target)) targets.push(edge.target);
  }
  return targets;
}

function toIndex(graphOrIndex: WorkflowGraph | GraphIndex): GraphIndex {
  return 'nodeById' in graphOrIndex ? graphOrIndex : indexGraph(graphOrIndex);
}
