import { RESERVED_NODE_IDS } from '../variables/system-variables.js';
import type { VariableSelector, WorkflowEdge } from '../workflow-graph.js';
import { isTriggerNodeType } from '../workflow-graph.js';
import { type GraphIndex, reachableFrom } from './graph-index.js';
import { topologicalOrder } from './graph-order.js';

/**
 * The part of a graph one run executes. A run starts from exactly one start or trigger node; nodes
 * reachable only from other triggers do not run, and edges from them do not count as inputs.
 */
export interface RunScope {
  readonly triggerId: string;
  /** Ids of the nodes the run may reach (the trigger included), in topological order. */
  readonly order: readonly string[];
  readonly nodeIds: ReadonlySet<string>;
  /** The edges into a node that come from nodes of this run; a node waits for these only. */
  incoming(nodeId: string): readonly WorkflowEdge[];
}

export function runScope(index: GraphIndex, triggerId: string): RunScope {
  const trigger = index.nodeById.get(triggerId);
  if (!trigger || !isTriggerNodeType(trigger.type)) {
    throw new Error(`node "${triggerId}" is not a start or trigger node of this workflow`);
  }
  const nodeIds = reachableFrom(index, triggerId);
  const order = topologicalOrder(index).filter((id) => nodeIds.has(id));
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const id of nodeIds) {
    incoming.set(
      id,
      (index.incoming.get(id) ?? []).filter((edge) => nodeIds.has(edge.source)),
    );
  }
  return { triggerId, order, nodeIds, incoming: (nodeId) => incoming.get(nodeId) ?? [] };
}

/**
 * The selectors that can hold a value in this run: those of nodes in the scope, and `sys`/`env`.
 * A variable aggregator fed by several trigger branches reads only these, in its own order, so a
 * branch of another trigger never counts as "the first input"; a live input may still be empty when
 * an if-else upstream took another branch.
 */
export function liveSelectors(scope: RunScope, selectors: readonly VariableSelector[]): VariableSelector[] {
  return selectors.filter((selector) => {
    const head = selector[0];
    if (head === undefined) return false;
    return RESERVED_NODE_IDS.includes(head) || scope.nodeIds.has(head);
  });
}
