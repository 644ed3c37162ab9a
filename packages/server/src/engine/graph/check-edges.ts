import type { WorkflowGraph } from '../workflow-graph.js';
import type { GraphIndex } from './graph-index.js';
import { sourceHandlesOf } from './source-handles.js';
import type { WorkflowProblem } from './workflow-problem.js';

/** The handle every edge enters its target by. */
export const TARGET_HANDLE = 'target';

/**
 * Edge ids are unique; both ends are nodes; handles are ones the source node has; no two edges
 * make the same connection twice.
 */
export function checkEdges(graph: WorkflowGraph, index: GraphIndex): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const firstPosition = new Map<string, number>();
  const connections = new Map<string, number>();
  graph.edges.forEach((edge, position) => {
    const path = `edges[${position}]`;
    const label = `${path} id "${edge.id}"`;
    const first = firstPosition.get(edge.id);
    if (first !== undefined) {
      problems.push({
        path: `${path}.id`,
        message: `${label} repeats the id of edges[${first}]; edge ids must be unique`,
      });
    } else {
      firstPosition.set(edge.id, position);
    }
    const connection = JSON.stringify([edge.source, edge.sourceHandle, edge.target]);
    const same = connections.get(connection);
    if (same !== undefined) {
      problems.push({
        path,
        message: `${label} connects "${edge.source}" (${edge.sourceHandle}) to "${edge.target}" again, like edges[${same}]; remove one`,
      });
    } else {
      connections.set(connection, position);
    }
    const source = index.nodeById.get(edge.source);
    if (!source) {
      problems.push({
        path: `${path}.source`,
        message: `${label}: source "${edge.source}" is not a node of this workflow`,
      });
    }
    if (!index.nodeById.has(edge.target)) {
      problems.push({
        path: `${path}.target`,
        message: `${label}: target "${edge.target}" is not a node of this workflow`,
      });
    }
    if (source) {
      const handles = sourceHandlesOf(source);
      if (!handles.includes(edge.sourceHandle)) {
        const hint =
          edge.sourceHandle === 'fail-branch' ? ' (fail branches of error handling are not supported)' : '';
        problems.push({
          path: `${path}.sourceHandle`,
          message: `${label}: sourceHandle "${edge.sourceHandle}" is not a handle of node "${source.id}" (${source.type})${hint}; allowed: ${handles.join(', ')}`,
        });
      }
    }
    if (edge.targetHandle !== TARGET_HANDLE) {
      problems.push({
        path: `${path}.targetHandle`,
        message: `${label}: targetHandle "${edge.targetHandle}" is not allowed; allowed: ${TARGET_HANDLE}`,
      });
    }
  });
  return problems;
}
