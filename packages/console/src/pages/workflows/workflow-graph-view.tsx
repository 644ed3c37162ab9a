import { useMemo } from 'react';
import type { DslGraph } from '../../api/workflow-types.js';
import { EmptyState } from '../../ui/feedback.js';
import { GraphCanvas } from '../../ui/graph-canvas.js';
import type { GraphNodeStatus } from '../../ui/graph-types.js';
import { toGraphSpecs } from './dsl-graph.js';

/** A version's graph on the canvas, each node coloured by the status of the run being followed. */
export function WorkflowGraphView({
  graph,
  statuses,
  selectedId,
  onOpen,
}: {
  readonly graph: DslGraph;
  readonly statuses?: ReadonlyMap<string, GraphNodeStatus>;
  readonly selectedId?: string;
  readonly onOpen: (nodeId: string) => void;
}) {
  const specs = useMemo(() => toGraphSpecs(graph), [graph]);
  const nodes = useMemo(
    () =>
      specs.nodes.map((node) => {
        const status = statuses?.get(node.id);
        return status ? { ...node, status } : node;
      }),
    [specs, statuses],
  );
  if (nodes.length === 0) {
    return <EmptyState title="An empty graph">This version has no nodes yet.</EmptyState>;
  }
  return (
    <GraphCanvas
      nodes={nodes}
      edges={specs.edges}
      onOpen={onOpen}
      {...(selectedId === undefined ? {} : { selectedId })}
    />
  );
}
