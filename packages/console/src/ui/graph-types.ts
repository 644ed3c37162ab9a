/** Where a node sits on the canvas, in canvas pixels. */
export interface GraphPoint {
  readonly x: number;
  readonly y: number;
}

/** A node's state in a run being followed: drawn as its border colour. */
export type GraphNodeStatus = 'started' | 'succeeded' | 'failed' | 'skipped';

/** One source handle: `source`, or an if-else branch (`true`, a case id, `false`). */
export interface GraphHandle {
  readonly id: string;
  /** Shown beside the handle when the node has several (IF, ELIF, ELSE). */
  readonly label?: string;
}

/** A node to draw: what it is called and where its branches leave. */
export interface GraphNodeSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  /** Entry nodes (start, triggers) take no incoming edge, so they get no target handle. */
  readonly entry: boolean;
  readonly sourceHandles: readonly GraphHandle[];
  /** From the document's canvas; without it for every node, the graph is laid out in layers. */
  readonly position?: GraphPoint;
  readonly status?: GraphNodeStatus;
}

export interface GraphEdgeSpec {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string;
  readonly label?: string;
}
