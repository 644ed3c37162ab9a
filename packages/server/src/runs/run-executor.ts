import type { Clock, Logger } from '@tripline/sdk';
import type { NodeDefinitionLookup } from '../engine/graph/check-nodes.js';
import type { GuardedFetch, NodeContext, NodeExecutionResult } from '../engine/nodes/node-definition.js';
import type { ScriptSandbox } from '../engine/nodes/sandbox/script-sandbox.js';
import type { SystemVariables } from '../engine/variables/system-variables.js';
import { RunVariablePool } from '../engine/variables/variable-pool.js';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../engine/workflow-graph.js';
import type { NodeTrace } from '../store/workflow-records.js';
import { RunPlan, RunPlanCache } from './run-plan.js';
import { type RunSignal, runSignal } from './run-signal.js';

export interface RunExecutorOptions {
  readonly definitions: NodeDefinitionLookup;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly fetch: GuardedFetch;
  readonly sandbox: ScriptSandbox;
  /** The longest a run may take; it fails past it. Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Plans (indexed graph, scope, parsed nodes) kept for graphs with a `cacheKey`. Default 200. */
  readonly cachedPlans?: number;
}

export interface ExecuteRunInput {
  readonly graph: WorkflowGraph;
  /**
   * Names a graph that never changes (a published version's id): its plan is built once and
   * reused. Without it (a draft) the graph is planned for this run only.
   */
  readonly cacheKey?: string;
  readonly triggerNodeId: string;
  /** Event variables, webhook request or start inputs: what the trigger node receives. */
  readonly triggerInput: Readonly<Record<string, unknown>>;
  readonly system: SystemVariables;
  readonly environment: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal;
  /** Told about each node as it ends, for live progress. */
  readonly onNode?: (trace: NodeTrace) => void;
  /** Told about each node as it starts, for live progress. */
  readonly onNodeStarted?: (node: {
    readonly nodeId: string;
    readonly type: string;
    readonly title: string;
  }) => void;
}

export interface RunResult {
  readonly status: 'succeeded' | 'failed';
  /** What the end nodes reached produced; empty when the path taken has no end node. */
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
  readonly trace: readonly NodeTrace[];
}

/**
 * Runs one workflow from one trigger: only the nodes reachable from it, in graph order. A node
 * runs when an edge into it was taken (its source ran and, for if-else, chose that branch); the
 * others are skipped, so a variable aggregator sees only inputs that ran and takes the first
 * that holds a value. End nodes set the run's outputs. The first failing node fails the run.
 */
export class RunExecutor {
  readonly #options: RunExecutorOptions;
  readonly #plans: RunPlanCache;

  constructor(options: RunExecutorOptions) {
    this.#options = options;
    this.#plans = new RunPlanCache(options.cachedPlans ?? 200);
  }

  async execute(input: ExecuteRunInput): Promise<RunResult> {
    const limit = runSignal(input.signal, this.#options.timeoutMs ?? 10 * 60_000);
    try {
      return await this.#execute(input, limit);
    } finally {
      limit.dispose();
    }
  }

  async #execute(input: ExecuteRunInput, limit: RunSignal): Promise<RunResult> {
    const { clock } = this.#options;
    const { signal } = limit;
    const trace: NodeTrace[] = [];
    const record = (entry: NodeTrace): void => {
      trace.push(entry);
      input.onNode?.(entry);
    };
    const context: NodeContext = {
      clock,
      logger: this.#options.logger,
      signal,
      fetch: this.#options.fetch,
      sandbox: this.#options.sandbox,
    };
    let plan: RunPlan;
    try {
      plan = this.#plan(input);
    } catch (error) {
      return { status: 'failed', outputs: null, error: (error as Error).message, trace };
    }
    const { index, scope } = plan;
    const pool = new RunVariablePool({ system: input.system, environment: input.environment });
    const taken = new Set<WorkflowEdge>();
    let outputs: Record<string, unknown> = {};
    for (const nodeId of scope.order) {
      const node = index.nodeById.get(nodeId)!;
      const base = { nodeId, type: node.type, title: node.data.title };
      if (nodeId !== scope.triggerId && !scope.incoming(nodeId).some((edge) => taken.has(edge))) {
        record({ ...base, status: 'skipped' });
        continue;
      }
      if (signal.aborted) {
        const reason = limit.timedOut() ? 'the run took longer than its time limit' : 'the run was stopped';
        return { status: 'failed', outputs: null, error: `${reason} before node "${nodeId}"`, trace };
      }
      const startedAt = new Date(clock.now()).toISOString();
      input.onNodeStarted?.(base);
      const result = await this.#executeNode(
        plan,
        node,
        pool,
        context,
        nodeId === scope.triggerId ? input.triggerInput : undefined,
      );
      const finishedAt = new Date(clock.now()).toISOString();
      if (result.status === 'failed') {
        record({
          ...base,
          status: 'failed',
          inputs: result.inputs,
          error: result.error,
          startedAt,
          finishedAt,
        });
        return {
          status: 'failed',
          outputs: null,
          error: `node "${nodeId}" (${node.type}, "${node.data.title}") failed: ${result.error}`,
          trace,
        };
      }
      const branch = result.branch ?? 'source';
      // Literals rather than spreads: this runs for every node of every run.
      const { title } = base;
      record(
        result.branch === undefined
          ? {
              nodeId,
              type: node.type,
              title,
              status: 'succeeded',
              inputs: result.inputs,
              outputs: result.outputs,
              startedAt,
              finishedAt,
            }
          : {
              nodeId,
              type: node.type,
              title,
              status: 'succeeded',
              inputs: result.inputs,
              outputs: result.outputs,
              branch,
              startedAt,
              finishedAt,
            },
      );
      pool.set(nodeId, result.outputs);
      for (const edge of index.outgoing.get(nodeId) ?? []) {
        if (edge.sourceHandle === branch) taken.add(edge);
      }
      if (node.type === 'end') outputs = { ...outputs, ...result.outputs };
    }
    return { status: 'succeeded', outputs, error: null, trace };
  }

  #plan(input: ExecuteRunInput): RunPlan {
    const create = () =>
      new RunPlan({
        graph: input.graph,
        triggerNodeId: input.triggerNodeId,
        definitions: this.#options.definitions,
      });
    if (input.cacheKey === undefined) return create();
    // A failed plan throws and is not kept; such runs fail before any node anyway.
    return this.#plans.get(JSON.stringify([input.cacheKey, input.triggerNodeId]), create);
  }

  async #executeNode(
    plan: RunPlan,
    node: WorkflowNode,
    pool: RunVariablePool,
    context: NodeContext,
    triggerInput: Readonly<Record<string, unknown>> | undefined,
  ): Promise<NodeExecutionResult> {
    // Stored graphs hold the DSL's data; the definition turns it into what its executor reads.
    const prepared = plan.prepare(node);
    if (!prepared.ok) return { status: 'failed', inputs: {}, error: prepared.error };
    try {
      return await this.#options.definitions(node.type).execute({
        node: prepared.node,
        pool,
        context,
        ...(triggerInput === undefined ? {} : { triggerInput }),
      });
    } catch (error) {
      this.#options.logger.warn({ nodeId: node.id, type: node.type, err: error }, 'a node threw');
      return { status: 'failed', inputs: {}, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
