import type { TriggerNodeType, WorkflowNode } from '../workflow-graph.js';
import { isNodeType, isTriggerNodeType } from '../workflow-graph.js';
import type { GraphIndex } from './graph-index.js';
import { nodeLabel, quoteIds } from './node-label.js';
import type { WorkflowProblem } from './workflow-problem.js';

/**
 * How many nodes of each entry type one workflow may have. Dify caps plugin and webhook triggers
 * at 5 each and schedules only the first schedule trigger, so more than one is refused here rather
 * than silently ignored; the user-input Start node is a singleton.
 */
export const ENTRY_NODE_LIMITS: Readonly<Record<TriggerNodeType, number>> = {
  start: 1,
  'trigger-plugin': 5,
  'trigger-webhook': 5,
  'trigger-schedule': 1,
};

/**
 * A workflow starts either from one Start node (user input) or from triggers, never both (Dify
 * refuses to publish that mix too); counts stay within ENTRY_NODE_LIMITS; entry nodes have no
 * incoming edges.
 */
export function checkEntryNodes(index: GraphIndex): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const byType = new Map<TriggerNodeType, WorkflowNode[]>();
  for (const node of index.nodeById.values()) {
    if (!isNodeType(node.type) || !isTriggerNodeType(node.type)) continue;
    byType.set(node.type, [...(byType.get(node.type) ?? []), node]);
  }
  const starts = byType.get('start') ?? [];
  const triggers = [...byType].filter(([type]) => type !== 'start').flatMap(([, nodes]) => nodes);
  if (starts.length === 0 && triggers.length === 0) {
    problems.push({
      path: 'nodes',
      message:
        'the workflow has no entry node; add a start node, or triggers (trigger-plugin, trigger-webhook, trigger-schedule)',
    });
  }
  if (starts.length > 0 && triggers.length > 0) {
    problems.push({
      path: 'nodes',
      message: `a start node cannot be combined with trigger nodes; keep either the start node ${quoteIds(ids(starts))} or the triggers ${quoteIds(ids(triggers))}`,
    });
  }
  for (const [type, limit] of Object.entries(ENTRY_NODE_LIMITS) as [TriggerNodeType, number][]) {
    const nodes = byType.get(type) ?? [];
    if (nodes.length <= limit) continue;
    problems.push({
      path: 'nodes',
      message: `a workflow can have at most ${limit} ${type} node${limit === 1 ? '' : 's'}; found ${nodes.length}: ${quoteIds(ids(nodes))}`,
    });
  }
  for (const node of [...starts, ...triggers]) {
    const sources = (index.incoming.get(node.id) ?? []).map((edge) => edge.source);
    if (sources.length === 0) continue;
    const position = index.positionById.get(node.id)!;
    problems.push({
      path: `nodes[${position}]`,
      message: `${nodeLabel(position, node)} is an entry node and cannot have incoming edges; found edges from ${quoteIds(sources)}`,
    });
  }
  return problems;
}

function ids(nodes: readonly WorkflowNode[]): string[] {
  return nodes.map((node) => node.id);
}
