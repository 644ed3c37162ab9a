import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../workflow-graph.js';

/** Lookups over a graph, built once. Edges whose ends are not nodes are left out of the adjacency. */
export interface GraphIndex {
  readonly graph: WorkflowGraph;
  /** The first node of each id (duplicates are a validation problem, not an index one). */
  readonly nodeById: ReadonlyMap<string, WorkflowNode>;
  /** Position of each node id in `graph.nodes`, for messages and stable ordering. */
  readonly positionById: ReadonlyMap<string, number>;
  readonly outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
}

export function indexGraph(graph: WorkflowGraph): GraphIndex {
  const nodeById = new Map<string, WorkflowNode>();
  const positionById = new Map<string, number>();
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  graph.nodes.forEach((node, position) => {
    if (nodeById.has(node.id)) return;
    nodeById.set(node.id, node);
    positionById.set(node.id, position);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  });
  for (const edge of graph.edges) {
    const from = outgoing.get(edge.source);
    const to = incoming.get(edge.target);
    if (!from || !to) continue;
    from.push(edge);
    to.push(edge);
  }
  return { graph, nodeById, positionById, outgoing, incoming };
}

/** Every node reachable from `start` along edges (including `start`), in breadth-first order. */
export function reachableFrom(
  index: GraphIndex,
  start: string,
  direction: 'down' | 'up' = 'down',
): Set<string> {
  const seen = new Set<string>();
  if (!index.nodeById.has(start)) return seen;
  seen.add(start);
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i] as string;
    const edges = direction === 'down' ? index.outgoing.get(id) : index.incoming.get(id);
    for (const edge of edges ?? []) {
      const next = direction === 'down' ? edge.target : edge.source;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}
