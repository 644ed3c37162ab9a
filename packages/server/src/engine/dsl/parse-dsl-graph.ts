import { isRecord } from '../graph/is-record.js';
import type { WorkflowProblem } from '../graph/workflow-problem.js';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../workflow-graph.js';
import { isNodeType, NODE_TYPES } from '../workflow-graph.js';
import type { DslLimits } from './dsl-limits.js';
import { parseDslEdge } from './parse-dsl-edge.js';

/** Dify's wrapper type of canvas notes. */
export const NOTE_NODE_TYPE = 'custom-note';

export interface ParsedDslGraph {
  readonly graph: WorkflowGraph;
  readonly notes: readonly unknown[];
  readonly viewport: unknown;
  /** Keys of `workflow.graph` other than nodes, edges and viewport. */
  readonly extra: Readonly<Record<string, unknown>>;
}

const PATH = 'workflow.graph';

/**
 * Reads `workflow.graph` into Tripline's graph. Node data is kept whole (node definitions
 * validate it later); every node type Tripline does not run is listed in one problem.
 */
export function parseDslGraph(
  raw: unknown,
  limits: DslLimits,
): { problems: WorkflowProblem[]; parsed?: ParsedDslGraph } {
  if (!isRecord(raw)) {
    return { problems: [{ path: PATH, message: `${PATH} must be a mapping with nodes and edges` }] };
  }
  const { nodes: rawNodes, edges: rawEdges = [], viewport, ...extra } = raw;
  const problems: WorkflowProblem[] = [];
  if (!Array.isArray(rawNodes)) {
    problems.push({ path: `${PATH}.nodes`, message: `${PATH}.nodes must be a list` });
  }
  if (!Array.isArray(rawEdges)) {
    problems.push({ path: `${PATH}.edges`, message: `${PATH}.edges must be a list` });
  }
  if (!Array.isArray(rawNodes) || !Array.isArray(rawEdges)) return { problems };
  if (rawNodes.length > limits.maxNodes) {
    problems.push({
      path: `${PATH}.nodes`,
      message: `the workflow has ${rawNodes.length} nodes; the limit is ${limits.maxNodes}`,
    });
  }
  if (rawEdges.length > limits.maxEdges) {
    problems.push({
      path: `${PATH}.edges`,
      message: `the workflow has ${rawEdges.length} edges; the limit is ${limits.maxEdges}`,
    });
  }
  if (problems.length > 0) return { problems };

  const nodes: WorkflowNode[] = [];
  const notes: unknown[] = [];
  const unsupported: string[] = [];
  rawNodes.forEach((rawNode, position) => {
    if (isRecord(rawNode) && rawNode.type === NOTE_NODE_TYPE) {
      notes.push(rawNode);
      return;
    }
    const result = parseDslNode(rawNode, position);
    if ('problem' in result) problems.push(result.problem);
    else if ('unsupported' in result) unsupported.push(result.unsupported);
    else nodes.push(result.node);
  });
  if (unsupported.length > 0) {
    problems.push({
      path: `${PATH}.nodes`,
      message: `${unsupported.join(', ')} ${unsupported.length === 1 ? 'is' : 'are'} not supported; supported types: ${NODE_TYPES.join(', ')}`,
    });
  }
  const edges: WorkflowEdge[] = [];
  rawEdges.forEach((rawEdge, position) => {
    const result = parseDslEdge(rawEdge, `edges[${position}]`);
    if ('problem' in result) problems.push({ ...result.problem, path: `${PATH}.${result.problem.path}` });
    else edges.push(result.edge);
  });
  if (problems.length > 0) return { problems };
  return { problems, parsed: { graph: { nodes, edges }, notes, viewport, extra } };
}

type NodeResult = { node: WorkflowNode } | { unsupported: string } | { problem: WorkflowProblem };

function parseDslNode(raw: unknown, position: number): NodeResult {
  const label = `nodes[${position}]`;
  const path = `${PATH}.${label}`;
  if (!isRecord(raw)) {
    return { problem: { path, message: `${label} must be a mapping with id, type and data` } };
  }
  const { id: rawId, data, position: rawPosition, ...extra } = raw;
  const id = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : rawId;
  if (typeof id !== 'string' || id === '') {
    return { problem: { path: `${path}.id`, message: `${label}: id must be a non-empty string` } };
  }
  if (!isRecord(data)) {
    return { problem: { path: `${path}.data`, message: `${label} id "${id}": data must be a mapping` } };
  }
  const type = data.type;
  if (!isNodeType(type)) return { unsupported: `${label} id "${id}" type "${String(type ?? '')}"` };
  if (typeof data.title !== 'string') {
    return {
      problem: {
        path: `${path}.data.title`,
        message: `${label} id "${id}" (${type}): data.title must be a string`,
      },
    };
  }
  if (rawPosition !== undefined && !isPosition(rawPosition)) {
    return {
      problem: {
        path: `${path}.position`,
        message: `${label} id "${id}" (${type}): position must be {x, y} numbers`,
      },
    };
  }
  const node: WorkflowNode = {
    id,
    type,
    data: data as WorkflowNode['data'],
    ...(rawPosition !== undefined ? { position: rawPosition } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  return { node };
}

function isPosition(value: unknown): value is { x: number; y: number } {
  return isRecord(value) && Number.isFinite(value.x) && Number.isFinite(value.y);
}
