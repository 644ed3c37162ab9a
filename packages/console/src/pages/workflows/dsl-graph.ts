import type { DslEdge, DslGraph, DslNode } from '../../api/workflow-types.js';
import type { GraphEdgeSpec, GraphHandle, GraphNodeSpec } from '../../ui/graph-types.js';

const ENTRY_TYPES = new Set(['start', 'trigger-plugin', 'trigger-webhook', 'trigger-schedule']);

/** A node's type (`data.type`); canvas notes and malformed nodes have none. */
export function nodeType(node: DslNode): string {
  return typeof node.data.type === 'string' ? node.data.type : '';
}

export function nodeTitle(node: DslNode): string {
  const title = node.data.title;
  return typeof title === 'string' && title.trim() !== '' ? title : node.id;
}

/** Steps of the workflow: canvas notes (`custom-note`) are kept in documents but are not steps. */
export function workflowNodes(graph: DslGraph): DslNode[] {
  return graph.nodes.filter((node) => node.type !== 'custom-note' && nodeType(node) !== '');
}

/** The if-else branches in Dify's order and words: IF, ELIF..., then ELSE (`false`). */
function ifElseHandles(node: DslNode): GraphHandle[] {
  const cases = Array.isArray(node.data.cases) ? (node.data.cases as unknown[]) : [];
  const handles: GraphHandle[] = [];
  for (const item of cases) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const id = record.case_id ?? record.id;
    if (typeof id === 'string') handles.push({ id, label: handles.length === 0 ? 'IF' : 'ELIF' });
  }
  handles.push({ id: 'false', label: 'ELSE' });
  return handles;
}

function sourceHandles(node: DslNode, outgoing: readonly DslEdge[]): GraphHandle[] {
  const type = nodeType(node);
  const handles: GraphHandle[] =
    type === 'if-else' ? ifElseHandles(node) : type === 'end' ? [] : [{ id: 'source' }];
  // An edge from a handle the node does not declare still gets drawn: a draft may be half-edited.
  for (const edge of outgoing) {
    const id = edge.sourceHandle ?? 'source';
    if (!handles.some((handle) => handle.id === id)) handles.push({ id });
  }
  return handles;
}

/** Nodes and edges for {@link GraphCanvas}, read from a DSL graph (a draft's or a published version's). */
export function toGraphSpecs(graph: DslGraph): {
  readonly nodes: GraphNodeSpec[];
  readonly edges: GraphEdgeSpec[];
} {
  const nodes = workflowNodes(graph);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  const specs = nodes.map((node): GraphNodeSpec => {
    const handles = sourceHandles(
      node,
      edges.filter((edge) => edge.source === node.id),
    );
    const position = node.position;
    return {
      id: node.id,
      title: nodeTitle(node),
      kind: nodeType(node),
      entry: ENTRY_TYPES.has(nodeType(node)),
      sourceHandles: handles,
      ...(position && Number.isFinite(position.x) && Number.isFinite(position.y) ? { position } : {}),
    };
  });
  const labels = new Map(
    specs.flatMap((node) => node.sourceHandles.map((h) => [`${node.id}/${h.id}`, h.label])),
  );
  return {
    nodes: specs,
    edges: edges.map((edge) => {
      const handle = edge.sourceHandle ?? 'source';
      const label = labels.get(`${edge.source}/${handle}`);
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: handle,
        ...(label ? { label } : {}),
      };
    }),
  };
}
