/**
 * A workflow graph as Dify's app DSL holds it (`workflow.graph`): nodes whose `data.type` names the
 * kind, and edges from a node's handle to another node. Node data keeps Dify's field names so a
 * document exports as it was imported.
 */
export const NODE_TYPES = [
  'start',
  'trigger-plugin',
  'trigger-webhook',
  'trigger-schedule',
  'variable-aggregator',
  'if-else',
  'template-transform',
  'code',
  'http-request',
  'end',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Nodes a run can start from. */
export const TRIGGER_NODE_TYPES = ['start', 'trigger-plugin', 'trigger-webhook', 'trigger-schedule'] as const;
export type TriggerNodeType = (typeof TRIGGER_NODE_TYPES)[number];

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

export function isTriggerNodeType(value: NodeType): value is TriggerNodeType {
  return (TRIGGER_NODE_TYPES as readonly string[]).includes(value);
}

export interface WorkflowNode<D = unknown> {
  readonly id: string;
  readonly type: NodeType;
  /** Dify's `data` object, validated by the node type's definition; includes `type` and `title`. */
  readonly data: D & { readonly type: NodeType; readonly title: string };
  /** Canvas position, kept for round-trips; irrelevant to execution. */
  readonly position?: { readonly x: number; readonly y: number };
  /** Any other top-level fields of the DSL node (width, height, selected...), kept as they were. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface WorkflowEdge {
  readonly id: string;
  readonly source: string;
  /** `source` for most nodes; an if-else case id or `false` for if-else branches. */
  readonly sourceHandle: string;
  readonly target: string;
  readonly targetHandle: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface WorkflowGraph {
  readonly nodes: readonly WorkflowNode[];
  readonly edges: readonly WorkflowEdge[];
}

/** A variable selector: `[nodeId, variable, ...path]`, as in Dify's `value_selector`. */
export type VariableSelector = readonly string[];
