import type {
  NewTriggerLink,
  WorkflowRecord,
  WorkflowSummaryRecord,
  WorkflowVersionRecord,
} from '../workflow-records.js';

/** Workflows, their drafts and their immutable published versions. */
export interface WorkflowRepository {
  insert(workflow: WorkflowRecord): Promise<void>;
  get(workspaceId: string, id: string): Promise<WorkflowRecord | undefined>;
  /** Oldest first. */
  list(workspaceId: string): Promise<readonly WorkflowSummaryRecord[]>;
  /** Replaces the draft (and the name and description that come with it). */
  updateDraft(
    workspaceId: string,
    id: string,
    draft: Pick<WorkflowRecord, 'name' | 'description' | 'draft'> & { readonly now: Date },
  ): Promise<WorkflowRecord | undefined>;
  /** Deletes the workflow with its versions, trigger links and runs. */
  delete(workspaceId: string, id: string): Promise<boolean>;
  /**
   * In one transaction: stores the next version number, makes it the published one, and rewrites
   * the workflow's trigger links to `triggers` (a node keeps the enabled flag it had). Refuses,
   * writing nothing, when a trigger names a subscription that is not in the workspace.
   */
  publish(input: {
    readonly workspaceId: string;
    readonly workflowId: string;
    readonly versionId: string;
    readonly document: WorkflowVersionRecord['document'];
    readonly triggers: readonly NewTriggerLink[];
    readonly createdBy: string;
    readonly now: Date;
  }): Promise<
    | { readonly ok: true; readonly version: WorkflowVersionRecord }
    | { readonly ok: false; readonly reason: 'not_found' }
    | {
        readonly ok: false;
        readonly reason: 'missing_subscriptions';
        readonly subscriptionIds: readonly string[];
      }
  >;
  getVersion(workspaceId: string, versionId: string): Promise<WorkflowVersionRecord | undefined>;
  /** The workflow's published versions without their documents, newest first; empty for another workspace's. */
  listVersions(
    workspaceId: string,
    workflowId: string,
  ): Promise<readonly Omit<WorkflowVersionRecord, 'document'>[]>;
}
