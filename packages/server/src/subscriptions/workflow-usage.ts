/**
 * How many workflows use each subscription, for the subscription list. The workflow engine
 * provides the real count; until then every subscription is unused.
 */
export interface WorkflowUsage {
  countBySubscription(workspaceId: string, subscriptionIds: readonly string[]): Promise<Map<string, number>>;
}

export const noWorkflowUsage: WorkflowUsage = {
  countBySubscription: async (_workspaceId, subscriptionIds) => new Map(subscriptionIds.map((id) => [id, 0])),
};
