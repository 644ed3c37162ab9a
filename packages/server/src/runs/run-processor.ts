import type { Clock, Logger } from '@tripline/sdk';
import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import { systemVariables } from '../engine/variables/system-variables.js';
import type { RunHandler } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import type { NodeTrace, RunRecord } from '../store/workflow-records.js';
import type { RunExecutor, RunResult } from './run-executor.js';

export interface RunProcessorOptions {
  readonly store: Store;
  readonly executor: RunExecutor;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Published versions kept in memory (they never change). Default 100. */
  readonly cachedVersions?: number;
  /** Told about each node of each run as it ends. */
  readonly onNode?: (run: RunRecord, trace: NodeTrace) => void;
  /** Told about each node of each run as it starts. */
  readonly onNodeStarted?: (
    run: RunRecord,
    node: { readonly nodeId: string; readonly type: string; readonly title: string },
  ) => void;
}

/**
 * What a queue worker does with a claimed run: reads the graph it runs (the published version, or
 * the draft snapshot taken when it was asked for) and executes it from the run's trigger.
 */
export class RunProcessor {
  readonly #options: RunProcessorOptions;
  readonly #versions = new Map<string, WorkflowDocument>();

  constructor(options: RunProcessorOptions) {
    this.#options = options;
  }

  readonly handle: RunHandler = async (run, signal) => {
    const document = await this.#document(run);
    if (!document) {
      return {
        status: 'failed',
        outputs: null,
        error: `workflow version "${run.versionId}" no longer exists`,
        trace: [],
      };
    }
    const result: RunResult = await this.#options.executor.execute({
      graph: document.graph,
      // A published version never changes; a draft snapshot is planned per run.
      ...(run.document === null && run.versionId !== null ? { cacheKey: run.versionId } : {}),
      triggerNodeId: run.trigger.nodeId,
      triggerInput: run.inputs,
      system: systemVariables({
        workflowId: run.workflowId,
        runId: run.id,
        startedAtMs: run.startedAt?.getTime() ?? this.#options.clock.now(),
        invokeFrom: run.invokeFrom,
        ...(run.createdBy === null ? {} : { userId: run.createdBy }),
      }),
      environment: Object.fromEntries(
        document.environmentVariables.map((variable) => [variable.name, variable.value]),
      ),
      signal,
      ...(this.#options.onNode ? { onNode: (trace: NodeTrace) => this.#options.onNode?.(run, trace) } : {}),
      ...(this.#options.onNodeStarted
        ? { onNodeStarted: (node) => this.#options.onNodeStarted?.(run, node) }
        : {}),
    });
    return result;
  };

  async #document(run: RunRecord): Promise<WorkflowDocument | undefined> {
    if (run.document) return run.document;
    if (!run.versionId) return undefined;
    const cached = this.#versions.get(run.versionId);
    if (cached) return cached;
    const version = await this.#options.store.workflows.getVersion(run.workspaceId, run.versionId);
    if (!version) return undefined;
    const limit = this.#options.cachedVersions ?? 100;
    if (this.#versions.size >= limit) {
      const oldest = this.#versions.keys().next().value;
      if (oldest !== undefined) this.#versions.delete(oldest);
    }
    this.#versions.set(run.versionId, version.document);
    return version.document;
  }
}
