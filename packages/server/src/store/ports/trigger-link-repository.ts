import type { TriggerLinkRecord } from '../workflow-records.js';

/** The entry nodes of published workflows, and which subscriptions start them. */
export interface TriggerLinkRepository {
  /** The entry nodes of the workflow's published version, in node id order. */
  list(workspaceId: string, workflowId: string): Promise<readonly TriggerLinkRecord[]>;
  setEnabled(
    workspaceId: string,
    workflowId: string,
    nodeId: string,
    enabled: boolean,
  ): Promise<TriggerLinkRecord | undefined>;
  /** The dispatcher's lookup: integration triggers of these subscriptions, enabled or not. */
  findBySubscriptions(subscriptionIds: readonly string[]): Promise<readonly TriggerLinkRecord[]>;
  /** How many published workflows have an enabled trigger on each subscription (0 when none). */
  countWorkflowsBySubscription(
    workspaceId: string,
    subscriptionIds: readonly string[],
  ): Promise<ReadonlyMap<string, number>>;
}
