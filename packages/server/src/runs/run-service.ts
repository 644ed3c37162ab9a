import type { Clock, Logger } from '@tripline/sdk';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { newTimeOrderedId } from '../domain/ids.js';
import { isTriggerNodeType } from '../engine/workflow-graph.js';
import type { RunQueue } from '../queue/queue.js';
import type { Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { NewRunRecord, RunStatus } from '../store/workflow-records.js';
import { graphProblems } from '../workflows/workflow-documents.js';
import { InvalidWorkflowError } from '../workflows/workflow-errors.js';
import { firstRun } from './first-run.js';
import { type RunSummaryView, type RunView, toRunSummaryView, toRunView } from './run-view.js';

export interface RunServiceOptions {
  readonly store: Store;
  readonly queue: RunQueue;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RunPage {
  readonly items: RunSummaryView[];
  /** The `before` of the next page, or null on the last one. */
  readonly nextCursor: string | null;
}

/** Which of a workspace's runs to list, and the page. */
export interface WorkspaceRunQuery {
  readonly limit?: number;
  /** The previous page's `nextCursor`. */
  readonly before?: string;
  readonly workflowId?: string;
  readonly status?: RunStatus;
}

/** Runs of a workspace's workflows: running the draft, reading runs, retrying failed ones. */
export class RunService {
  readonly #options: RunServiceOptions;

  constructor(options: RunServiceOptions) {
    this.#options = options;
  }

  /**
   * Queues a run of the draft as it is now, from its start node (or `nodeId`, any entry node, with
   * `inputs` as what that trigger receives). The draft must pass every check a publication does
   * but the subscription ones.
   */
  async runDraft(
    principal: Principal,
    workflowId: string,
    request: { readonly inputs?: Readonly<Record<string, unknown>>; readonly nodeId?: string },
  ): Promise<RunView> {
    const workflow = await this.#options.store.workflows.get(principal.workspaceId, workflowId);
    if (!workflow) throw new NotFoundError('workflow', workflowId);
    const draft = workflow.draft;
    const problems = graphProblems(draft);
    if (problems.length > 0) throw new InvalidWorkflowError('run the draft', problems);
    const entries = draft.graph.nodes.filter((node) => isTriggerNodeType(node.type));
    const node =
      request.nodeId === undefined
        ? entries.find((candidate) => candidate.type === 'start')
        : entries.find((candidate) => candidate.id === request.nodeId);
    if (!node || !isTriggerNodeType(node.type)) {
      const ids = entries.map((entry) => `"${entry.id}" (${entry.type})`).join(', ');
      throw new InvalidWorkflowError('run the draft', [
        {
          path: 'nodeId',
          message:
            request.nodeId === undefined
              ? `the draft has no start node; name one of its entry nodes in nodeId: ${ids}`
              : `node "${request.nodeId}" is not an entry node of the draft; entry nodes: ${ids}`,
        },
      ]);
    }
    return this.#queue(
      firstRun({
        id: newTimeOrderedId(this.#options.clock.now()),
        workspaceId: principal.workspaceId,
        workflowId,
        versionId: null,
        document: draft,
        trigger: { nodeId: node.id, type: node.type },
        invokeFrom: 'debugger',
        inputs: request.inputs ?? {},
        createdBy: principal.memberId,
        createdAt: new Date(this.#options.clock.now()),
      }),
    );
  }

  /** A workflow's runs, newest first; 404 for a workflow of another workspace. */
  async list(
    principal: Principal,
    workflowId: string,
    query: { readonly limit?: number; readonly before?: string },
  ): Promise<RunPage> {
    if (!(await this.#options.store.workflows.get(principal.workspaceId, workflowId)))
      throw new NotFoundError('workflow', workflowId);
    return this.listAll(principal, { ...query, workflowId });
  }

  /**
   * The workspace's runs across its workflows, newest first, optionally of one workflow or in one
   * status. A workflow id the workspace does not have filters everything out: a list, not a lookup.
   */
  async listAll(principal: Principal, query: WorkspaceRunQuery): Promise<RunPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const runs = await this.#options.store.runs.list({
      workspaceId: principal.workspaceId,
      limit,
      ...(query.workflowId === undefined ? {} : { workflowId: query.workflowId }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.before === undefined ? {} : { before: query.before }),
    });
    return {
      items: runs.map(toRunSummaryView),
      nextCursor: runs.length === limit ? (runs.at(-1)?.id ?? null) : null,
    };
  }

  async get(principal: Principal, runId: string): Promise<RunView> {
    const run = await this.#options.store.runs.get(principal.workspaceId, runId);
    if (!run) throw new NotFoundError('run', runId);
    return toRunView(run);
  }

  /**
   * A failed run runs again as a new run linked to it (`retryOf`, `attempt` + 1): same version,
   * trigger and inputs, and a trace of its own; the failed run stays as it was.
   */
  async retry(principal: Principal, runId: string): Promise<RunView> {
    const run = await this.#options.store.runs.get(principal.workspaceId, runId);
    if (!run) throw new NotFoundError('run', runId);
    if (run.status !== 'failed') {
      throw new ConflictError(
        'run_not_failed',
        `run "${runId}" is ${run.status}; only failed runs can be retried`,
      );
    }
    const now = this.#options.clock.now();
    return this.#queue({
      id: newTimeOrderedId(now),
      workspaceId: run.workspaceId,
      workflowId: run.workflowId,
      versionId: run.versionId,
      document: run.document,
      trigger: run.trigger,
      invokeFrom: run.invokeFrom,
      inputs: run.inputs,
      attempt: run.attempt + 1,
      retryOf: run.id,
      deliveryLogId: null,
      eventIndex: null,
      createdBy: principal.memberId,
      createdAt: new Date(now),
    });
  }

  async #queue(run: NewRunRecord): Promise<RunView> {
    const created = await this.#options.store.runs.create(run);
    await this.#options.queue.enqueue([created.id]);
    this.#options.logger.info(
      { runId: created.id, workflowId: created.workflowId, retryOf: created.retryOf },
      'run queued',
    );
    return toRunView(created);
  }
}
