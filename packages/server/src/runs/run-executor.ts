import type { Clock, Logger } from '@tripline/sdk';
import type { NodeDefinitionLookup } from '../engine/graph/check-nodes.js';
import { indexGraph } from '../engine/graph/graph-index.js';
import { runScope } from '../engine/graph/run-scope.js';
import type { GuardedFetch, NodeContext, NodeExecutionResult } from '../engine/nodes/node-definition.js';
import type { ScriptSandbox } from '../engine/nodes/sandbox/script-sandbox.js';
import type { SystemVariables } from '../engine/variables/system-variables.js';
import { RunVariablePool } from '../engine/variables/variable-pool.js';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../engine/workflow-graph.js';
import type { NodeTrace } from '../store/workflow-records.js';

export interface RunExecutorOptions {
  readonly definitions: NodeDefinitionLookup;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly fetch: GuardedFetch;
  readonly sandbox: ScriptSandbox;
  /** The longest a run may take; it fails past it. Default 10 minutes. */
  readonly timeoutMs?: number;
}

export interface ExecuteRunInput {
  readonly graph: WorkflowGraph;
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

  constructor(options: RunExecutorOptions) {
    this.#options = options;
  }

  async execute(input: ExecuteRunInput): Promise<RunResult> {
    const { clock } = this.#options;
    const trace: NodeTrace[] = [];
    const record = (entry: NodeTrace): void => {
      trace.push(entry);
      input.onNode?.(entry);
    };
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 10 * 60_000);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    const context: NodeContext = {
      clock,
      logger: this.#options.logger,
      signal,
      fetch: this.#options.fetch,
      sandbox: this.#options.sandbox,
    };
    const index = indexGraph(input.graph);
    let scope: ReturnType<typeof runScope>;
    try {
      scope = runScope(index, input.triggerNodeId);
    } catch (error) {
      return { status: 'failed', outputs: null, error: (error as Error).message, trace };
    }
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
        const reason = timeout.aborted ? 'the run took longer than its time limit' : 'the run was stopped';
        return { status: 'failed', outputs: null, error: `${reason} before node "${nodeId}"`, trace };
      }
      const startedAt = new Date(clock.now()).toISOString();
      input.onNodeStarted?.(base);
      const result = await this.#executeNode(
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
      record({
        ...base,
        status: 'succeeded',
        inputs: result.inputs,
        outputs: result.outputs,
        ...(result.branch === undefined ? {} : { branch }),
        startedAt,
        finishedAt,
      });
      pool.set(nodeId, result.outputs);
      for (const edge of index.outgoing.get(nodeId) ?? []) {
        if (edge.sourceHandle === branch) taken.add(edge);
      }
      if (node.type === 'end') outputs = { ...outputs, ...result.outputs };
    }
    return { status: 'succeeded', outputs, error: null, trace };
  }

  async #executeNode(
    node: WorkflowNode,
    pool: RunVariablePool,
    context: NodeContext,
    triggerInput: Readonly<Record<string, unknown>> | undefined,
  ): Promise<NodeExecutionResult> {
    const definition = this.#options.definitions(node.type);
    // Stored graphs hold the DSL's data; the definition turns it into what its executor reads.
    const parsed = definition.parse(node.data, `node "${node.id}" (${node.type})`);
    if (!parsed.ok) return { status: 'failed', inputs: {}, error: parsed.problems.join('; ') };
    try {
      return await definition.execute({
        node: { ...node, data: { ...(parsed.data as object), type: node.type, title: node.data.title } },
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
