import { TARGET_HANDLE } from '../graph/check-edges.js';
import { isRecord } from '../graph/is-record.js';
import { DEFAULT_SOURCE_HANDLE } from '../graph/source-handles.js';
import type { WorkflowProblem } from '../graph/workflow-problem.js';
import type { WorkflowEdge } from '../workflow-graph.js';

/**
 * Reads one DSL edge. Ids of nodes and handles may be written as numbers in hand-made YAML and
 * are read as strings; missing handles take Dify's defaults and a missing id is made the way Dify
 * makes them (`source-handle-target-handle`).
 */
export function parseDslEdge(
  raw: unknown,
  label: string,
): { edge: WorkflowEdge } | { problem: WorkflowProblem } {
  if (!isRecord(raw)) {
    return { problem: { path: label, message: `${label} must be a mapping with source and target` } };
  }
  const { id: rawId, source: rawSource, target: rawTarget, sourceHandle, targetHandle, ...extra } = raw;
  const source = asId(rawSource);
  const target = asId(rawTarget);
  if (source === undefined || target === undefined) {
    const field = source === undefined ? 'source' : 'target';
    return { problem: { path: `${label}.${field}`, message: `${label}: ${field} must be a node id` } };
  }
  const handles = { sourceHandle: asId(sourceHandle), targetHandle: asId(targetHandle) };
  for (const [field, value] of Object.entries({ sourceHandle, targetHandle })) {
    if (value !== undefined && value !== null && handles[field as keyof typeof handles] === undefined) {
      return { problem: { path: `${label}.${field}`, message: `${label}: ${field} must be a string` } };
    }
  }
  const edgeSourceHandle = handles.sourceHandle ?? DEFAULT_SOURCE_HANDLE;
  const edgeTargetHandle = handles.targetHandle ?? TARGET_HANDLE;
  const id = asId(rawId) ?? `${source}-${edgeSourceHandle}-${target}-${edgeTargetHandle}`;
  return {
    edge: {
      id,
      source,
      sourceHandle: edgeSourceHandle,
      target,
      targetHandle: edgeTargetHandle,
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    },
  };
}

function asId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
