import type { NodeDefinitionLookup } from '../engine/graph/check-nodes.js';
import { type GraphIndex, indexGraph } from '../engine/graph/graph-index.js';
import { type RunScope, runScope } from '../engine/graph/run-scope.js';
import type { WorkflowGraph, WorkflowNode } from '../engine/workflow-graph.js';

/** A node as its executor reads it: the stored DSL data parsed by its definition. */
export type PreparedNode =
  | { readonly ok: true; readonly node: WorkflowNode }
  | { readonly ok: false; readonly error: string };

/**
 * What executing a graph from one trigger needs before any node runs: the index, the scope and
 * each node's parsed data. A published version never changes, so one plan serves all its runs.
 */
export class RunPlan {
  readonly index: GraphIndex;
  readonly scope: RunScope;
  readonly #definitions: NodeDefinitionLookup;
  readonly #prepared = new Map<string, PreparedNode>();

  /** Throws when `triggerNodeId` is not a start or trigger node of the graph. */
  constructor(input: {
    readonly graph: WorkflowGraph;
    readonly triggerNodeId: string;
    readonly definitions: NodeDefinitionLookup;
  }) {
    this.index = indexGraph(input.graph);
    this.scope = runScope(this.index, input.triggerNodeId);
    this.#definitions = input.definitions;
  }

  /** Parses a node's data once; the result is shared by every run of the plan. */
  prepare(node: WorkflowNode): PreparedNode {
    const known = this.#prepared.get(node.id);
    if (known) return known;
    const parsed = this.#definitions(node.type).parse(node.data, `node "${node.id}" (${node.type})`);
    const prepared: PreparedNode = parsed.ok
      ? {
          ok: true,
          node: { ...node, data: { ...(parsed.data as object), type: node.type, title: node.data.title } },
        }
      : { ok: false, error: parsed.problems.join('; ') };
    this.#prepared.set(node.id, prepared);
    return prepared;
  }
}

/** Plans by key (a version id and a trigger node), the least recently used dropped past `limit`. */
export class RunPlanCache {
  readonly #plans = new Map<string, RunPlan>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.trunc(limit));
  }

  get(key: string, create: () => RunPlan): RunPlan {
    const known = this.#plans.get(key);
    if (known) {
      // Map keeps insertion order: moving a hit to the end keeps the oldest first.
      this.#plans.delete(key);
      this.#plans.set(key, known);
      return known;
    }
    const plan = create();
    this.#plans.set(key, plan);
    if (this.#plans.size > this.#limit) {
      const oldest = this.#plans.keys().next().value;
      if (oldest !== undefined) this.#plans.delete(oldest);
    }
    return plan;
  }

  get size(): number {
    return this.#plans.size;
  }
}
