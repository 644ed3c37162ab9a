import type { Clock, Logger } from '@tripline/sdk';
import type { NodeType, VariableSelector, WorkflowNode } from '../workflow-graph.js';
import type { ScriptSandbox } from './sandbox/script-sandbox.js';

/** Reads variables produced by earlier nodes of the same run. */
export interface VariablePool {
  /** The value at a selector (`[nodeId, name, ...path]`), or undefined. */
  get(selector: VariableSelector): unknown;
  /** Replaces each `{{#nodeId.name.path#}}` in a text by its value (objects as JSON). */
  render(template: string): string;
}

/** Outbound HTTP with the private-address guard applied (see http-request and the code node). */
export type GuardedFetch = (
  url: string,
  init?: RequestInit & { readonly timeoutMs?: number },
) => Promise<Response>;

export interface NodeContext {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Aborted when the run is cancelled or times out. */
  readonly signal: AbortSignal;
  readonly fetch: GuardedFetch;
  /** Runs the code node's JavaScript and renders templates, isolated from the host. */
  readonly sandbox: ScriptSandbox;
}

export interface NodeExecutionInput<D> {
  readonly node: WorkflowNode<D>;
  readonly pool: VariablePool;
  readonly context: NodeContext;
  /** For trigger nodes: what started the run (event variables, webhook request, schedule tick, inputs). */
  readonly triggerInput?: Readonly<Record<string, unknown>>;
}

export type NodeExecutionResult =
  | {
      readonly status: 'succeeded';
      /** What the node read, for the trace. */
      readonly inputs: Readonly<Record<string, unknown>>;
      readonly outputs: Readonly<Record<string, unknown>>;
      /** The source handle to follow; omitted means `source`. */
      readonly branch?: string;
    }
  | {
      readonly status: 'failed';
      readonly inputs: Readonly<Record<string, unknown>>;
      readonly error: string;
    };

export type ParseNodeResult<D> =
  | { readonly ok: true; readonly data: D }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * One node type: how its DSL data is validated and how it runs. Validation messages name the
 * path and the allowed values: `nodes[3] (http-request): url must be an absolute http(s) URL`.
 */
export interface NodeDefinition<D = unknown> {
  readonly type: NodeType;
  /** `path` prefixes messages, e.g. `nodes[3] (code)`. */
  parse(data: unknown, path: string): ParseNodeResult<D>;
  /** Selectors the node reads, so the graph validator can check they point at earlier nodes. */
  references(data: D): readonly VariableSelector[];
  /** Names of the variables it outputs (for checking references to it); undefined when dynamic. */
  outputNames(data: D): readonly string[] | undefined;
  execute(input: NodeExecutionInput<D>): Promise<NodeExecutionResult>;
}
