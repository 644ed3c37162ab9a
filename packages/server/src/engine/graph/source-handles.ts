import type { WorkflowNode } from '../workflow-graph.js';
import { isRecord } from './is-record.js';

/** The else branch of an if-else node, as Dify names its handle. */
export const IF_ELSE_FALSE_HANDLE = 'false';
/** The only handle of every other node. */
export const DEFAULT_SOURCE_HANDLE = 'source';

/**
 * The handles a node's outgoing edges may leave from. An if-else node has one per case (Dify's
 * `cases[].case_id`) plus `false`; documents from before cases existed branch on `true`/`false`.
 */
export function sourceHandlesOf(node: WorkflowNode): readonly string[] {
  if (node.type !== 'if-else') return [DEFAULT_SOURCE_HANDLE];
  const cases = (node.data as Record<string, unknown>).cases;
  if (!Array.isArray(cases)) return ['true', IF_ELSE_FALSE_HANDLE];
  const handles: string[] = [];
  for (const entry of cases) {
    if (!isRecord(entry)) continue;
    const id = entry.case_id ?? entry.id;
    if (typeof id === 'string' && id !== '' && !handles.includes(id)) handles.push(id);
  }
  handles.push(IF_ELSE_FALSE_HANDLE);
  return handles;
}
