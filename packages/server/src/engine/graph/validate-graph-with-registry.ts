import { getNodeDefinition } from '../nodes/node-registry.js';
import type { WorkflowGraph } from '../workflow-graph.js';
import { type ValidateGraphOptions, validateGraph } from './validate-graph.js';
import type { WorkflowProblem } from './workflow-problem.js';

/**
 * `validateGraph` with the node registry's definitions (default limits): what the service runs
 * before saving or publishing a graph.
 */
export function validateGraphWithRegistry(
  graph: WorkflowGraph,
  options: Omit<ValidateGraphOptions, 'definitions'> = {},
): WorkflowProblem[] {
  return validateGraph(graph, { ...options, definitions: getNodeDefinition });
}
