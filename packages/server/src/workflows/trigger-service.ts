import { type Clock, systemClock } from '@tripline/sdk';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { TriggerPluginNodeData } from '../engine/nodes/trigger-plugin/trigger-plugin-node.js';
import type { TriggerNodeType } from '../engine/workflow-graph.js';
import { nextRunsOfNode } from '../schedules/schedule-preview.js';
import type { Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { TriggerLinkRecord } from '../store/workflow-records.js';

/**
 * - active: fires for matching events
 * - disabled: switched off; events are recorded as `disabled` and start nothing
 * - subscription_deleted: its subscription is gone; it never fires until the draft names another
 *   subscription and is published again
 */
export type TriggerState = 'active' | 'disabled' | 'subscription_deleted';

export interface TriggerView {
  readonly nodeId: string;
  readonly type: TriggerNodeType;
  readonly title: string;
  readonly enabled: boolean;
  readonly state: TriggerState;
  readonly integration: string | null;
  readonly event: string | null;
  /** The subscription the published node names (kept when it was deleted, to say which). */
  readonly subscriptionId: string | null;
  readonly eventParameters: Readonly<Record<string, unknown>>;
  /** Schedule triggers: the next five times they fire (ISO), whether switched on or not. */
  readonly nextRuns?: string[];
}

export interface TriggerList {
  /** Null while the workflow was never published: only published versions have triggers that fire. */
  readonly publishedVersion: number | null;
  readonly items: TriggerView[];
}

export interface TriggerServiceOptions {
  readonly store: Store;
  /** Where schedule triggers' next runs count from. */
  readonly clock?: Clock;
}

/** The entry nodes of a workflow's published version, and switching them on and off. */
export class TriggerService {
  readonly #store: Store;
  readonly #clock: Clock;

  constructor(options: TriggerServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
  }

  async list(principal: Principal, workflowId: string): Promise<TriggerList> {
    const workflow = await this.#store.workflows.get(principal.workspaceId, workflowId);
    if (!workflow) throw new NotFoundError('workflow', workflowId);
    if (!workflow.publishedVersionId) return { publishedVersion: null, items: [] };
    const version = await this.#store.workflows.getVersion(
      principal.workspaceId,
      workflow.publishedVersionId,
    );
    const links = await this.#store.triggerLinks.list(principal.workspaceId, workflowId);
    const now = new Date(this.#clock.now());
    const named = new Map(
      (version?.document.graph.nodes ?? [])
        .filter((node) => node.type === 'trigger-plugin')
        .map((node) => [node.id, node.data as unknown as TriggerPluginNodeData]),
    );
    return {
      publishedVersion: version?.version ?? null,
      items: links.map((link) => {
        const view = toTriggerView(link, named.get(link.nodeId));
        const nextRuns = nextRunsOfNode(version?.document.graph.nodes ?? [], link.nodeId, now);
        return nextRuns === undefined ? view : { ...view, nextRuns };
      }),
    };
  }

  async setEnabled(
    principal: Principal,
    workflowId: string,
    nodeId: string,
    enabled: boolean,
  ): Promise<TriggerView> {
    const workflow = await this.#store.workflows.get(principal.workspaceId, workflowId);
    if (!workflow) throw new NotFoundError('workflow', workflowId);
    if (!workflow.publishedVersionId) {
      throw new ConflictError(
        'not_published',
        `workflow "${workflowId}" has no published version; publish it before switching triggers on or off`,
      );
    }
    const link = await this.#store.triggerLinks.setEnabled(
      principal.workspaceId,
      workflowId,
      nodeId,
      enabled,
    );
    if (!link) throw new NotFoundError('trigger node of the published version', nodeId);
    const version = await this.#store.workflows.getVersion(principal.workspaceId, link.versionId);
    const node = version?.document.graph.nodes.find((candidate) => candidate.id === nodeId);
    return toTriggerView(
      link,
      node?.type === 'trigger-plugin' ? (node.data as unknown as TriggerPluginNodeData) : undefined,
    );
  }
}

function toTriggerView(link: TriggerLinkRecord, data: TriggerPluginNodeData | undefined): TriggerView {
  const lostSubscription = link.nodeType === 'trigger-plugin' && link.subscriptionId === null;
  return {
    nodeId: link.nodeId,
    type: link.nodeType,
    title: link.title,
    enabled: link.enabled,
    state: lostSubscription ? 'subscription_deleted' : link.enabled ? 'active' : 'disabled',
    integration: link.integration,
    event: link.event,
    subscriptionId: link.subscriptionId ?? (data?.subscription_id || null),
    eventParameters: link.eventParameters,
  };
}
