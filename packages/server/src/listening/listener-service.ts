import type { Clock, Logger } from '@tripline/sdk';
import { NotFoundError } from '../domain/errors.js';
import { newTimeOrderedId } from '../domain/ids.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { RunQueue } from '../queue/queue.js';
import { firstRun } from '../runs/first-run.js';
import type { Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { NewRunRecord, RunTrigger } from '../store/workflow-records.js';
import type { WebhookIds } from '../webhooks/webhook-ids.js';
import { graphProblems } from '../workflows/workflow-documents.js';
import { InvalidWorkflowError } from '../workflows/workflow-errors.js';
import { listenTargets } from './listen-targets.js';
import type { Listener, ListenerRegistry } from './listener-registry.js';

export interface ListenerServiceOptions {
  readonly store: Store;
  readonly queue: RunQueue;
  readonly registry: ListenerRegistry;
  readonly events: InternalEvents;
  readonly webhookIds: WebhookIds;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ListenerView {
  readonly listenerId: string;
  readonly expiresAt: string;
}

/** What a captured event starts: a run of the listener's draft from one of its nodes. */
export interface DraftCapture {
  readonly nodeId: string;
  readonly trigger: RunTrigger;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** What the stream shows as the captured event. */
  readonly event: unknown;
  readonly invokeFrom?: NewRunRecord['invokeFrom'];
}

/**
 * "Run this step": puts draft trigger nodes in a listening state, turns the event a listener
 * captures into a run of its draft, and forwards that run's progress to the listener's stream.
 */
export class ListenerService {
  readonly #options: ListenerServiceOptions;
  #stops: Array<() => void> = [];

  constructor(options: ListenerServiceOptions) {
    this.#options = options;
  }

  get registry(): ListenerRegistry {
    return this.#options.registry;
  }

  /** Starts forwarding run progress to listeners. */
  start(): void {
    const { events, registry } = this.#options;
    if (this.#stops.length > 0) return;
    this.#stops = [
      events.on('run.progress', ({ runId, node }) => {
        const id = registry.listenerOfRun(runId);
        if (id) registry.publish(id, { type: 'node', runId, node });
      }),
      events.on('run.finished', ({ runId, status, outputs, error }) => {
        const id = registry.listenerOfRun(runId);
        if (id) registry.publish(id, { type: 'result', runId, status, outputs, error });
      }),
    ];
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  /** Listens on one draft trigger node, or on every trigger of the draft when `nodeId` is omitted. */
  async listen(principal: Principal, workflowId: string, nodeId?: string): Promise<ListenerView> {
    const { store, registry, webhookIds, clock } = this.#options;
    const workflow = await store.workflows.get(principal.workspaceId, workflowId);
    if (!workflow) throw new NotFoundError('workflow', workflowId);
    const document = workflow.draft;
    const graph = graphProblems(document);
    if (graph.length > 0) throw new InvalidWorkflowError('listen on the draft', graph);
    const { targets, problems } = await listenTargets({
      document,
      workspaceId: principal.workspaceId,
      workflowId,
      nodeId,
      store,
      webhookIds,
    });
    if (problems.length > 0) throw new InvalidWorkflowError('listen on the draft', problems);
    const listener = registry.open({
      workspaceId: principal.workspaceId,
      workflowId,
      createdBy: principal.memberId,
      document,
      targets,
    });
    const schedule = targets.find((target) => target.kind === 'schedule');
    if (schedule) {
      const firedAt = new Date(clock.now()).toISOString();
      await this.startDraftRun(listener, {
        nodeId: schedule.nodeId,
        trigger: { nodeId: schedule.nodeId, type: 'trigger-schedule' },
        inputs: { scheduled_time: firedAt },
        event: { scheduled_time: firedAt },
      });
    }
    return { listenerId: listener.id, expiresAt: listener.expiresAt.toISOString() };
  }

  /** A listener of the caller's workspace, or 404. */
  get(principal: Principal, listenerId: string): Listener {
    const listener = this.#options.registry.get(principal.workspaceId, listenerId);
    if (!listener) throw new NotFoundError('listener', listenerId);
    return listener;
  }

  /**
   * "Stop listening": the listener of the caller's workspace stops at once (an event after this
   * starts nothing) and its stream ends with `cancelled`; 404 for an unknown one or another
   * workspace's.
   */
  cancel(principal: Principal, listenerId: string): void {
    const listener = this.get(principal, listenerId);
    if (!this.#options.registry.cancel(listener.id)) throw new NotFoundError('listener', listenerId);
    this.#options.logger.info(
      { listenerId, workflowId: listener.workflowId, workspaceId: listener.workspaceId },
      'listener cancelled',
    );
  }

  /**
   * Takes the listener for this event and answers the run to store, or undefined when the
   * listener captured another event first. The caller stores and enqueues the run.
   */
  capture(listener: Listener, capture: DraftCapture): NewRunRecord | undefined {
    const { registry, clock } = this.#options;
    const now = clock.now();
    // No delivery named: the uniqueness of dispatched runs is for published versions, and several
    // listeners may each run the same event.
    const run = firstRun({
      id: newTimeOrderedId(now),
      workspaceId: listener.workspaceId,
      workflowId: listener.workflowId,
      versionId: null,
      document: listener.document,
      trigger: capture.trigger,
      invokeFrom: capture.invokeFrom ?? 'debugger',
      inputs: capture.inputs,
      createdBy: listener.createdBy,
      createdAt: new Date(now),
    });
    if (!registry.capture(listener.id, run.id)) return undefined;
    registry.publish(listener.id, {
      type: 'captured',
      nodeId: capture.nodeId,
      runId: run.id,
      event: capture.event,
    });
    return run;
  }

  /** Captures and starts the run at once (webhook debug requests, schedules). */
  async startDraftRun(listener: Listener, capture: DraftCapture): Promise<string | undefined> {
    const release = await this.#options.registry.reserve?.([listener.id]);
    let run: NewRunRecord | undefined;
    try {
      run = this.capture(listener, capture);
    } finally {
      await release?.();
    }
    if (!run) return undefined;
    try {
      await this.#options.store.runs.create(run);
      await this.#options.queue.enqueue([run.id]);
    } catch (error) {
      this.#options.registry.publish(listener.id, {
        type: 'result',
        runId: run.id,
        status: 'failed',
        outputs: null,
        error: `the run could not be started: ${(error as Error).message}`,
      });
      throw error;
    }
    this.#options.logger.info({ runId: run.id, listenerId: listener.id }, 'draft run started for a listener');
    return run.id;
  }
}
