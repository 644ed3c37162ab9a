import type { WorkflowGraph } from '../workflow-graph.js';
import { checkEdges } from './check-edges.js';
import { checkEntryNodes } from './check-entry-nodes.js';
import { checkNodes, type NodeDefinitionLookup } from './check-nodes.js';
import { checkReachability } from './check-reachability.js';
import { checkReferences } from './check-references.js';
import { indexGraph } from './graph-index.js';
import type { WorkflowProblem } from './workflow-problem.js';

export interface ValidateGraphOptions {
  /** Definitions of node types: their `parse`, `references` and `outputNames` are used. */
  readonly definitions: NodeDefinitionLookup;
  /** Names of the workflow's environment variables, for checking `env` references. */
  readonly environmentVariables?: readonly string[];
}

/**
 * Everything that must hold before a graph is saved or run: unique ids, edges between existing
 * nodes by valid handles, entry nodes within Dify's limits, no cycles, every node reachable from an
 * entry node, an end node, valid node data, and references to upstream outputs only. Returns every
 * problem found (empty when the graph is valid) so one answer can list them all.
 */
export function validateGraph(graph: WorkflowGraph, options: ValidateGraphOptions): WorkflowProblem[] {
  const index = indexGraph(graph);
  const nodes = checkNodes(graph, options.definitions);
  return [
    ...nodes.problems,
    ...checkEdges(graph, index),
    ...checkEntryNodes(index),
    ...checkReachability(index),
    ...checkReferences({
      index,
      checked: nodes.checked,
      ...(options.environmentVariables ? { environmentVariables: options.environmentVariables } : {}),
    }),
  ];
}
