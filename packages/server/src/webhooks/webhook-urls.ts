import { NotFoundError } from '../domain/errors.js';
import type { Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { WebhookIds } from './webhook-ids.js';
import { WEBHOOK_DEBUG_PREFIX, WEBHOOK_PREFIX } from './webhook-path.js';

export interface WebhookTriggerView {
  readonly nodeId: string;
  readonly title: string;
  readonly webhookId: string;
  readonly url: string;
  readonly debugUrl: string;
}

/** Where each webhook trigger of a workflow's draft receives requests (Dify's webhook_url, webhook_debug_url). */
export async function listWebhookUrls(
  options: { readonly store: Store; readonly webhookIds: WebhookIds; readonly triggerUrl: string },
  principal: Principal,
  workflowId: string,
): Promise<{ readonly items: WebhookTriggerView[] }> {
  const workflow = await options.store.workflows.get(principal.workspaceId, workflowId);
  if (!workflow) throw new NotFoundError('workflow', workflowId);
  const items = workflow.draft.graph.nodes
    .filter((node) => node.type === 'trigger-webhook')
    .map((node) => {
      const webhookId = options.webhookIds.idFor({
        workspaceId: principal.workspaceId,
        workflowId,
        nodeId: node.id,
      });
      return {
        nodeId: node.id,
        title: node.data.title,
        webhookId,
        url: `${options.triggerUrl}${WEBHOOK_PREFIX}${webhookId}`,
        debugUrl: `${options.triggerUrl}${WEBHOOK_DEBUG_PREFIX}${webhookId}`,
      };
    });
  return { items };
}
