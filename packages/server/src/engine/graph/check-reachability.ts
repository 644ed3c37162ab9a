import { isNodeType, isTriggerNodeType } from '../workflow-graph.js';
import { findCycles } from './find-cycles.js';
import { type GraphIndex, reachableFrom } from './graph-index.js';
import { nodeLabel, quoteIds } from './node-label.js';
import type { WorkflowProblem } from './workflow-problem.js';

/**
 * The graph is acyclic; every node can be reached from some entry node; the workflow has an end
 * node and every entry node reaches one (else a run from it could never produce outputs).
 */
export function checkReachability(index: GraphIndex): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  for (const cycle of findCycles(index)) {
    problems.push({
      path: 'edges',
      message: `the graph has a cycle through nodes ${quoteIds(cycle)}; a workflow must not loop back to an earlier node`,
    });
  }
  const nodes = [...index.nodeById.values()];
  const entries = nodes.filter((node) => isNodeType(node.type) && isTriggerNodeType(node.type));
  if (entries.length === 0) return problems;
  const reached = new Set<string>();
  for (const entry of entries) for (const id of reachableFrom(index, entry.id)) reached.add(id);
  for (const node of nodes) {
    if (reached.has(node.id)) continue;
    const position = index.positionById.get(node.id)!;
    problems.push({
      path: `nodes[${position}]`,
      message: `${nodeLabel(position, node)} is not reachable from any start or trigger node`,
    });
  }
  const ends = nodes.filter((node) => node.type === 'end');
  if (ends.length === 0) {
    problems.push({ path: 'nodes', message: 'the workflow has no end node; add one to hold its outputs' });
    return problems;
  }
  for (const entry of entries) {
    const downstream = reachableFrom(index, entry.id);
    if (ends.some((end) => downstream.has(end.id))) continue;
    const position = index.positionById.get(entry.id)!;
    problems.push({
      path: `nodes[${position}]`,
      message: `${nodeLabel(position, entry)} reaches no end node; connect it to one of ${quoteIds(ends.map((end) => end.id))}`,
    });
  }
  return problems;
}
