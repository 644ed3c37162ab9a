import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import type { InvokeFrom } from '../engine/variables/system-variables.js';
import type { TriggerNodeType } from '../engine/workflow-graph.js';

/**
 * Workflows, their published versions, trigger links and runs, as the store holds them. Documents
 * are whole Dify DSL documents as Tripline reads them (engine/dsl/workflow-document.ts).
 */
export interface WorkflowRecord {
  readonly id: string;
  readonly workspaceId: string;
  /** The draft's name and description, kept beside it for lists. */
  readonly name: string;
  readonly description: string;
  /** The draft: edited freely, validated fully only when published or run. */
  readonly draft: WorkflowDocument;
  readonly draftUpdatedAt: Date;
  readonly publishedVersionId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A workflow without its draft document, for lists. */
export type WorkflowSummaryRecord = Omit<WorkflowRecord, 'draft'> & {
  /** The published version's number, or null. */
  readonly publishedVersion: number | null;
};

/** A published version: never changes once stored. */
export interface WorkflowVersionRecord {
  readonly id: string;
  readonly workflowId: string;
  readonly workspaceId: string;
  /** 1 for the first publication, then 2, 3... */
  readonly version: number;
  readonly document: WorkflowDocument;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/**
 * One entry node of a workflow's published version. For integration triggers this is the index
 * every event is matched through: (workspace, subscription, event) -> trigger nodes. A deleted
 * subscription leaves `subscriptionId` null: the trigger stays listed, and never fires.
 */
export interface TriggerLinkRecord {
  readonly workflowId: string;
  readonly nodeId: string;
  readonly workspaceId: string;
  readonly versionId: string;
  readonly nodeType: TriggerNodeType;
  readonly title: string;
  readonly integration: string | null;
  readonly event: string | null;
  readonly subscriptionId: string | null;
  /** The trigger's constant filter parameters, as the integration's filter reads them. */
  readonly eventParameters: Readonly<Record<string, unknown>>;
  readonly enabled: boolean;
}

/** A link as publishing writes it; `enabled` is carried over from the node's previous link. */
export type NewTriggerLink = Omit<TriggerLinkRecord, 'workflowId' | 'workspaceId' | 'versionId' | 'enabled'>;

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** The statuses a run ends in: nothing changes it any more, and retention may delete it. */
export const FINISHED_RUN_STATUSES = ['succeeded', 'failed'] as const satisfies readonly RunStatus[];

/** What started a run. */
export interface RunTrigger {
  readonly nodeId: string;
  readonly type: TriggerNodeType;
  readonly subscriptionId?: string;
  readonly event?: string;
  readonly action?: string;
  readonly deliveryLogId?: string;
  readonly eventIndex?: number;
}

/** What one node did in one run. Times are ISO strings: the trace is stored as JSON. */
export interface NodeTrace {
  readonly nodeId: string;
  readonly type: string;
  readonly title: string;
  /** `skipped`: not on the path the run took (another branch, another trigger's input). */
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** The source handle followed (if-else). */
  readonly branch?: string;
  readonly error?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

export interface NewRunRecord {
  /** Time-ordered (UUIDv7): runs sort as they were created. */
  readonly id: string;
  readonly workspaceId: string;
  readonly workflowId: string;
  /** The published version run, or null for a run of the draft. */
  readonly versionId: string | null;
  /** For runs of the draft: the draft as it was when the run was asked for. */
  readonly document: WorkflowDocument | null;
  readonly trigger: RunTrigger;
  readonly invokeFrom: InvokeFrom;
  /** What the trigger node receives: event variables or the start node's inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** 1, then one more for each retry. */
  readonly attempt: number;
  /** The failed run this one retries. */
  readonly retryOf: string | null;
  /**
   * Set on runs the dispatcher starts: (deliveryLogId, eventIndex, versionId, trigger.nodeId) is
   * unique, so a delivery starts each run once. Retries leave them null (`trigger` still says).
   */
  readonly deliveryLogId: string | null;
  readonly eventIndex: number | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

export interface RunRecord extends NewRunRecord {
  readonly status: RunStatus;
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
  readonly trace: readonly NodeTrace[];
  /** The queue worker that holds a running run. */
  readonly workerId: string | null;
  readonly heartbeatAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

/** A run without its document, inputs, outputs and trace, for lists. */
export type RunSummaryRecord = Omit<RunRecord, 'document' | 'inputs' | 'outputs' | 'trace'>;

/** How a run ended, as its worker reports it. */
export interface RunCompletion {
  readonly runId: string;
  /** Only the worker holding the run may finish it. */
  readonly workerId: string;
  readonly status: 'succeeded' | 'failed';
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
  readonly trace: readonly NodeTrace[];
  readonly finishedAt: Date;
}

/** What one trigger did with one event of a delivery. */
export type TriggerDispatch =
  | {
      readonly outcome: 'ran';
      readonly workflowId: string;
      readonly nodeId: string;
      readonly runId: string;
      /** A run of the draft, started for a listener waiting on that node. */
      readonly draft?: boolean;
    }
  | {
      readonly outcome: 'filtered_out';
      readonly workflowId: string;
      readonly nodeId: string;
      readonly reason: string;
    }
  | { readonly outcome: 'disabled'; readonly workflowId: string; readonly nodeId: string }
  | {
      readonly outcome: 'error';
      readonly workflowId: string;
      readonly nodeId: string;
      readonly reason: string;
    };

/** What became of one event of a delivery: each listening trigger's outcome, or why none ran. */
export interface EventDispatch {
  readonly index: number;
  readonly name: string;
  readonly action?: string;
  /**
   * `no_listener`: no published trigger listens to this event on this subscription;
   * `unreadable`: the stored request could not be read again (the reason says why).
   */
  readonly outcome: 'triggered' | 'no_listener' | 'unreadable';
  readonly reason?: string;
  readonly triggers: readonly TriggerDispatch[];
}

/** One delivery the dispatcher is done with. */
export interface DispatchedLog {
  readonly logId: string;
  readonly results: readonly EventDispatch[];
}

/** The outcome of committing one dispatcher batch. */
export interface DispatchCommit {
  /** Each planned run id mapped to the run that stands for it: itself, or one an earlier attempt made. */
  readonly runIds: ReadonlyMap<string, string>;
  /** Runs this commit created (the rest existed already). */
  readonly created: readonly string[];
}
