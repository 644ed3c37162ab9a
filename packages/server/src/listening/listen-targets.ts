import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import { nodeLabel } from '../engine/graph/node-label.js';
import type { WorkflowProblem } from '../engine/graph/workflow-problem.js';
import {
  eventParameterValues,
  triggerPluginNode,
} from '../engine/nodes/trigger-plugin/trigger-plugin-node.js';
import { parseWebhookData } from '../engine/nodes/trigger-webhook/webhook-data.js';
import type { Store } from '../store/store.js';
import type { WebhookIds } from '../webhooks/webhook-ids.js';
import type { ListenTarget } from './listener-registry.js';

/** Node types "Run this step" can listen on. */
const LISTENABLE = ['trigger-plugin', 'trigger-webhook', 'trigger-schedule'] as const;

/**
 * What listening on a draft means: one target per named trigger node, or, without a node, every
 * integration and webhook trigger (a schedule fires at once, so it only listens when named).
 */
export async function listenTargets(input: {
  readonly document: WorkflowDocument;
  readonly workspaceId: string;
  readonly workflowId: string;
  readonly nodeId: string | undefined;
  readonly store: Store;
  readonly webhookIds: WebhookIds;
}): Promise<{ readonly targets: ListenTarget[]; readonly problems: WorkflowProblem[] }> {
  const { document, nodeId } = input;
  const targets: ListenTarget[] = [];
  const problems: WorkflowProblem[] = [];
  const nodes = [...document.graph.nodes.entries()].filter(([, node]) =>
    nodeId === undefined
      ? node.type === 'trigger-plugin' || node.type === 'trigger-webhook'
      : node.id === nodeId,
  );
  const listenable = LISTENABLE.join(', ');
  if (nodes.length === 0) {
    const message =
      nodeId === undefined
        ? 'the draft has no integration or webhook trigger to listen on'
        : `node "${nodeId}" is not a node of the draft`;
    return { targets, problems: [{ path: 'nodeId', message }] };
  }
  for (const [position, node] of nodes) {
    const label = nodeLabel(position, node);
    const path = `nodes[${position}]`;
    switch (node.type) {
      case 'trigger-plugin': {
        const parsed = triggerPluginNode.parse(node.data, label);
        if (!parsed.ok) {
          problems.push(...parsed.problems.map((message) => ({ path, message })));
          break;
        }
        const subscription =
          parsed.data.subscription_id === ''
            ? undefined
            : await input.store.subscriptions.get(input.workspaceId, parsed.data.subscription_id);
        if (!subscription) {
          problems.push({
            path: `${path}.data.subscription_id`,
            message: `${label}: choose a subscription of this workspace (subscription_id "${parsed.data.subscription_id}")`,
          });
          break;
        }
        targets.push({
          kind: 'plugin',
          nodeId: node.id,
          subscriptionId: subscription.id,
          event: parsed.data.event_name,
          eventParameters: eventParameterValues(parsed.data),
        });
        break;
      }
      case 'trigger-webhook': {
        const parsed = parseWebhookData(node.data, label);
        if (!parsed.ok) {
          problems.push(...parsed.problems.map((message) => ({ path, message })));
          break;
        }
        const webhookId = input.webhookIds.idFor({
          workspaceId: input.workspaceId,
          workflowId: input.workflowId,
          nodeId: node.id,
        });
        targets.push({ kind: 'webhook', nodeId: node.id, webhookId, data: parsed.data });
        break;
      }
      case 'trigger-schedule':
        targets.push({ kind: 'schedule', nodeId: node.id });
        break;
      default:
        problems.push({
          path: 'nodeId',
          message: `${label} cannot listen for events; listenable node types: ${listenable}`,
        });
    }
  }
  return { targets, problems };
}
