import { apiRequest } from '../../api/http.js';
import type { Draft, DslNode } from '../../api/workflow-types.js';

/**
 * Changes one node's `data` in a workflow's draft. The draft is read fresh and sent back whole
 * (`PUT .../draft {graph}`) with only that node changed, as the API asks, so edits made elsewhere
 * since the page loaded are kept. Answers the saved draft with what still blocks publishing.
 */
export async function updateDraftNode(
  workflowId: string,
  nodeId: string,
  change: (data: DslNode['data']) => Record<string, unknown>,
): Promise<Draft> {
  const path = `/workflows/${encodeURIComponent(workflowId)}/draft`;
  const draft = await apiRequest<Draft>(path);
  if (!draft.graph.nodes.some((node) => node.id === nodeId)) {
    throw new Error(
      `node "${nodeId}" is no longer in the draft; reload the page to see the draft as it is now`,
    );
  }
  const nodes = draft.graph.nodes.map((node) =>
    node.id === nodeId ? { ...node, data: change(node.data) } : node,
  );
  return apiRequest<Draft>(path, { method: 'PUT', body: { graph: { ...draft.graph, nodes } } });
}

/** The draft's problems about one node (their path is `nodes[<index>]...`). */
export function problemsOfNode(draft: Draft, nodeId: string): Draft['problems'] {
  const index = draft.graph.nodes.findIndex((node) => node.id === nodeId);
  if (index === -1) return [];
  const prefix = `nodes[${index}]`;
  return draft.problems.filter((problem) => problem.path === prefix || problem.path.startsWith(`${prefix}.`));
}
