/**
 * The workflow API's answers as the console reads them (see the server's workflow, trigger and
 * webhook schemas). Only the fields the pages use are typed.
 */

export interface WorkflowSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** 1, 2, ...; null while only the draft exists. */
  readonly publishedVersion: number | null;
  readonly publishedVersionId: string | null;
  readonly draftUpdatedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WorkflowList {
  readonly items: readonly WorkflowSummary[];
}

/** A node as Dify's DSL writes it: the engine's fields live in `data`, the canvas's beside it. */
export interface DslNode {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly position?: { readonly x: number; readonly y: number };
  readonly [field: string]: unknown;
}

export interface DslEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string;
  readonly targetHandle?: string;
  readonly [field: string]: unknown;
}

export interface DslGraph {
  readonly nodes: readonly DslNode[];
  readonly edges: readonly DslEdge[];
}

/** What blocks publishing or running a draft: where, and what is wrong. */
export interface WorkflowProblem {
  readonly path: string;
  readonly message: string;
}

export interface Draft {
  readonly workflowId: string;
  readonly name: string;
  readonly description: string;
  /** Sent back in PUT as it was read, with only the edited node changed. */
  readonly graph: DslGraph;
  readonly problems: readonly WorkflowProblem[];
  readonly updatedAt: string;
}

/** `GET .../versions`: a published version in the list, newest first. */
export interface WorkflowVersionSummary {
  readonly id: string;
  readonly workflowId: string;
  readonly version: number;
  readonly publishedAt: string;
  /** Id of the member who published it. */
  readonly publishedBy: string;
}

export interface WorkflowVersionList {
  readonly items: readonly WorkflowVersionSummary[];
}

/** `GET .../versions/{versionId}`: one published version with its graph, as the draft's is read. */
export interface WorkflowVersion extends WorkflowVersionSummary {
  readonly name: string;
  readonly description: string;
  readonly graph: DslGraph;
}

export const TRIGGER_NODE_TYPES = ['trigger-plugin', 'trigger-webhook', 'trigger-schedule'] as const;
export type TriggerNodeType = (typeof TRIGGER_NODE_TYPES)[number];

export function isTriggerNodeType(type: string): type is TriggerNodeType {
  return (TRIGGER_NODE_TYPES as readonly string[]).includes(type);
}

/** An entry node of the published version and whether it fires. */
export interface WorkflowTrigger {
  readonly nodeId: string;
  readonly type: 'start' | TriggerNodeType;
  readonly title: string;
  readonly enabled: boolean;
  readonly state: 'active' | 'disabled' | 'subscription_deleted';
  readonly integration: string | null;
  readonly event: string | null;
  readonly subscriptionId: string | null;
  readonly eventParameters: Readonly<Record<string, unknown>>;
  readonly nextRuns?: readonly string[];
}

export interface TriggerList {
  readonly publishedVersion: number | null;
  readonly items: readonly WorkflowTrigger[];
}

export interface WebhookUrls {
  readonly items: readonly {
    readonly nodeId: string;
    readonly title: string;
    readonly webhookId: string;
    readonly url: string;
    readonly debugUrl: string;
  }[];
}

export interface SchedulePreview {
  readonly cronExpression: string;
  readonly timezone: string;
  readonly nextRuns: readonly string[];
}

/** `POST .../listen`: a draft trigger waiting for its next event. */
export interface ListenerAnswer {
  readonly listenerId: string;
  readonly expiresAt: string;
}
