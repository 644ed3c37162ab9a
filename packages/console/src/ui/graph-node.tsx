import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import type { GraphHandle, GraphNodeStatus } from './graph-types.js';

export interface GraphNodeData extends Record<string, unknown> {
  readonly title: string;
  /** The node type, e.g. `trigger-plugin`. */
  readonly kind: string;
  readonly entry: boolean;
  readonly sourceHandles: readonly GraphHandle[];
  readonly status?: GraphNodeStatus;
  readonly selected: boolean;
  readonly onOpen?: (nodeId: string) => void;
}

export type GraphFlowNode = Node<GraphNodeData, 'workflow-step'>;

/**
 * A workflow step on the canvas: its type above its title, a target handle on the left unless
 * it is an entry node, and one source handle per branch on the right.
 */
export function GraphNode({ id, data }: NodeProps<GraphFlowNode>) {
  const classes = ['graph-node', `graph-node-${data.entry ? 'entry' : 'step'}`];
  if (data.status) classes.push(`graph-status-${data.status}`);
  if (data.selected) classes.push('graph-node-selected');
  const open = data.onOpen;
  const labelled = data.sourceHandles.length > 1 || data.sourceHandles.some((handle) => handle.label);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a button cannot hold the handles React Flow places inside the node
    <div
      className={classes.join(' ')}
      role="button"
      tabIndex={0}
      aria-label={`${data.title} (${data.kind})`}
      aria-pressed={data.selected}
      onKeyDown={(event) => {
        if (open && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          open(id);
        }
      }}
    >
      {data.entry ? null : (
        <Handle type="target" position={Position.Left} id="target" isConnectable={false} />
      )}
      <div className="graph-node-kind">{data.kind}</div>
      <div className="graph-node-title">{data.title}</div>
      {data.status ? <div className="graph-node-status">{data.status}</div> : null}
      {labelled ? (
        <div className="graph-node-branches">
          {data.sourceHandles.map((handle) => (
            <div key={handle.id} className="graph-node-branch">
              {handle.label ?? handle.id}
              <Handle type="source" position={Position.Right} id={handle.id} isConnectable={false} />
            </div>
          ))}
        </div>
      ) : (
        data.sourceHandles.map((handle) => (
          <Handle
            key={handle.id}
            type="source"
            position={Position.Right}
            id={handle.id}
            isConnectable={false}
          />
        ))
      )}
    </div>
  );
}
