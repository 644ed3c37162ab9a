import type { Store } from '../store/store.js';
import type { WorkflowUsage } from '../subscriptions/workflow-usage.js';

/** A subscription is in use by each published workflow with an enabled trigger on it. */
export class StoreWorkflowUsage implements WorkflowUsage {
  readonly #store: Store;

  constructor(options: { readonly store: Store }) {
    this.#store = options.store;
  }

  async countBySubscription(
    workspaceId: string,
    subscriptionIds: readonly string[],
  ): Promise<Map<string, number>> {
    return new Map(await this.#store.triggerLinks.countWorkflowsBySubscription(workspaceId, subscriptionIds));
  }
}
