import { Background, type Edge, MarkerType, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { layeredPositions } from './graph-layout.js';
import { type GraphFlowNode, GraphNode } from './graph-node.js';
import type { GraphEdgeSpec, GraphNodeSpec } from './graph-types.js';

const nodeTypes = { 'workflow-step': GraphNode };

/**
 * A read-only workflow graph (React Flow): positions come from the document, nodes cannot be
 * dragged or connected, and clicking (or Enter on) a node calls `onOpen`.
 */
export function GraphCanvas({
  nodes,
  edges,
  selectedId,
  onOpen,
  height = 460,
}: {
  readonly nodes: readonly GraphNodeSpec[];
  readonly edges: readonly GraphEdgeSpec[];
  readonly selectedId?: string;
  readonly onOpen?: (nodeId: string) => void;
  readonly height?: number;
}) {
  const flowNodes = useMemo<GraphFlowNode[]>(() => {
    const placed = nodes.every((node) => node.position !== undefined);
    const layout = placed
      ? undefined
      : layeredPositions(
          nodes.map((node) => node.id),
          edges,
        );
    return nodes.map((node) => ({
      id: node.id,
      type: 'workflow-step',
      position: (placed ? node.position : layout?.get(node.id)) ?? { x: 0, y: 0 },
      draggable: false,
      connectable: false,
      data: {
        title: node.title,
        kind: node.kind,
        entry: node.entry,
        sourceHandles: node.sourceHandles,
        selected: node.id === selectedId,
        ...(node.status ? { status: node.status } : {}),
        ...(onOpen ? { onOpen } : {}),
      },
    }));
  }, [nodes, edges, selectedId, onOpen]);

  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        targetHandle: 'target',
        ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
        ...(edge.label ? { label: edge.label } : {}),
        markerEnd: { type: MarkerType.ArrowClosed },
      })),
    [edges],
  );

  return (
    <div className="graph-canvas" style={{ height }}>
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onNodeClick={(_event, node) => onOpen?.(node.id)}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
      >
        <Background gap={16} />
      </ReactFlow>
    </div>
  );
}
