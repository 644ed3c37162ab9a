import type { EventDefinition } from '@tripline/sdk';
import { ValidationError } from '../domain/errors.js';
import { nodeLabel } from '../engine/graph/node-label.js';
import type { WorkflowProblem } from '../engine/graph/workflow-problem.js';
import {
  eventParameterValues,
  triggerPluginNode,
} from '../engine/nodes/trigger-plugin/trigger-plugin-node.js';
import { isTriggerNodeType, type WorkflowGraph } from '../engine/workflow-graph.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { SubscriptionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { NewTriggerLink } from '../store/workflow-records.js';
import { validatePatch } from '../subscriptions/parameter-validation.js';

export interface TriggerBindings {
  readonly problems: readonly WorkflowProblem[];
  /** One link per entry node, for the published version's trigger index. */
  readonly links: readonly NewTriggerLink[];
}

/**
 * What publishing adds to graph validation: each integration trigger names a subscription of this
 * workspace, an event of that subscription's integration, and filter values the event accepts.
 */
export async function checkTriggerBindings(input: {
  readonly graph: WorkflowGraph;
  readonly workspaceId: string;
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
}): Promise<TriggerBindings> {
  const problems: WorkflowProblem[] = [];
  const links: NewTriggerLink[] = [];
  const subscriptions = new Map<string, SubscriptionRecord | undefined>();
  for (const [position, node] of input.graph.nodes.entries()) {
    if (!isTriggerNodeType(node.type)) continue;
    const base = { nodeId: node.id, nodeType: node.type, title: node.data.title };
    if (node.type !== 'trigger-plugin') {
      links.push({ ...base, integration: null, event: null, subscriptionId: null, eventParameters: {} });
      continue;
    }
    const label = nodeLabel(position, node);
    const path = `nodes[${position}]`;
    const parsed = triggerPluginNode.parse(node.data, label);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((message) => ({ path, message })));
      continue;
    }
    const data = parsed.data;
    if (data.subscription_id === '') {
      problems.push({
        path: `${path}.data.subscription_id`,
        message: `${label}: choose a subscription; subscription_id is empty`,
      });
      continue;
    }
    if (!subscriptions.has(data.subscription_id)) {
      subscriptions.set(
        data.subscription_id,
        await input.store.subscriptions.get(input.workspaceId, data.subscription_id),
      );
    }
    const subscription = subscriptions.get(data.subscription_id);
    if (!subscription) {
      problems.push({
        path: `${path}.data.subscription_id`,
        message: `${label}: subscription "${data.subscription_id}" does not exist in this workspace; choose one of the workspace's ${data.provider_id} subscriptions`,
      });
      continue;
    }
    if (subscription.integration !== data.provider_id) {
      problems.push({
        path: `${path}.data.provider_id`,
        message: `${label}: provider_id "${data.provider_id}" differs from the integration "${subscription.integration}" of subscription "${subscription.name}"`,
      });
      continue;
    }
    const integration = input.catalog.find(subscription.integration);
    const event = integration?.events.get(data.event_name);
    if (!integration || !event) {
      const known = integration
        ? [...integration.events.keys()].join(', ')
        : 'none (the integration is not installed)';
      problems.push({
        path: `${path}.data.event_name`,
        message: `${label}: event "${data.event_name}" is not an event of integration "${subscription.integration}"; events: ${known}`,
      });
      continue;
    }
    const parameters = eventParameterValues(data);
    const parameterProblem = checkEventParameters(label, event, parameters);
    if (parameterProblem) {
      problems.push({ path: `${path}.data.event_parameters`, message: parameterProblem });
      continue;
    }
    links.push({
      ...base,
      integration: subscription.integration,
      event: data.event_name,
      subscriptionId: subscription.id,
      eventParameters: parameters,
    });
  }
  return { problems, links };
}

function checkEventParameters(
  label: string,
  event: EventDefinition,
  parameters: Readonly<Record<string, unknown>>,
): string | undefined {
  try {
    validatePatch(`${label} event_parameters`, event.parameters, parameters);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
}
