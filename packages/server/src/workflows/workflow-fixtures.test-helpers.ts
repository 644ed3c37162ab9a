import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Logger } from '@tripline/sdk';
import { parse, stringify } from 'yaml';
import { newTimeOrderedId } from '../domain/ids.js';
import { fixture } from '../engine/dsl/fixtures.test-helpers.js';
import type { NewRequestLog, SubscriptionRecord } from '../store/records.js';

/** Payloads, deliveries and documents the workflow, dispatch and run tests share. */

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

interface ExampleGroup {
  readonly name: string;
  readonly examples: readonly Record<string, unknown>[];
}

const EXAMPLES = createRequire(import.meta.url)('@octokit/webhooks-examples') as readonly ExampleGroup[];

/** A real payload GitHub sent for this event and action (from @octokit/webhooks-examples). */
export function githubExample(event: string, action: string): Record<string, unknown> {
  const found = EXAMPLES.find((group) => group.name === event)?.examples.find(
    (example) => example.action === action,
  );
  if (!found) throw new Error(`no ${event} ${action} example`);
  return structuredClone(found);
}

/** A GitHub delivery as the ingress stores it: accepted, waiting in the inbox. */
export function githubDeliveryLog(
  subscription: Pick<SubscriptionRecord, 'id' | 'workspaceId'>,
  event: string,
  payload: Record<string, unknown>,
): NewRequestLog {
  return {
    id: newTimeOrderedId(),
    endpointId: subscription.id,
    workspaceId: subscription.workspaceId,
    integration: 'github',
    receivedAt: new Date(),
    method: 'POST',
    path: `/triggers/plugin/${subscription.id}`,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': '[redacted]',
    },
    body: new TextEncoder().encode(JSON.stringify(payload)),
    responseStatus: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"ok":true}',
    deliveryId: randomUUID(),
    events: [{ name: event, ...(typeof payload.action === 'string' ? { action: payload.action } : {}) }],
    outcome: 'accepted',
    reason: null,
    dispatchState: 'pending',
    replayOf: null,
  };
}

/** The two-trigger GitHub fixture (pull request or issue opened -> aggregator -> if-else -> template -> end) on a subscription. */
export function twoTriggerYaml(subscriptionId: string): string {
  const document = parse(fixture('github-two-triggers.yml')) as {
    workflow: { graph: { nodes: { data: Record<string, unknown> }[] } };
  };
  for (const node of document.workflow.graph.nodes) {
    if (node.data.type === 'trigger-plugin') node.data.subscription_id = subscriptionId;
  }
  return stringify(document);
}

/** start(greeting, shout) -> if shout -> end(loud) | else -> end(quiet). */
export const greetingDocument = {
  version: '0.5.0',
  kind: 'app',
  app: {
    name: 'Greeting',
    mode: 'workflow',
    description: '',
    icon: '👋',
    icon_type: 'emoji',
    icon_background: '#FFFFFF',
  },
  workflow: {
    graph: {
      nodes: [
        {
          id: 'start',
          data: {
            type: 'start',
            title: 'Start',
            variables: [
              { variable: 'greeting', label: 'Greeting', type: 'text-input', required: true },
              { variable: 'shout', label: 'Shout', type: 'checkbox', required: false },
            ],
          },
        },
        {
          id: 'check',
          data: {
            type: 'if-else',
            title: 'Shout?',
            cases: [
              {
                case_id: 'true',
                logical_operator: 'and',
                conditions: [
                  {
                    variable_selector: ['start', 'shout'],
                    comparison_operator: 'is',
                    value: 'true',
                    varType: 'boolean',
                  },
                ],
              },
            ],
          },
        },
        {
          id: 'loud',
          data: {
            type: 'end',
            title: 'Loud',
            outputs: [{ variable: 'loud', value_selector: ['start', 'greeting'] }],
          },
        },
        {
          id: 'quiet',
          data: {
            type: 'end',
            title: 'Quiet',
            outputs: [{ variable: 'quiet', value_selector: ['start', 'greeting'] }],
          },
        },
      ],
      edges: [
        { source: 'start', target: 'check' },
        { source: 'check', sourceHandle: 'true', target: 'loud' },
        { source: 'check', sourceHandle: 'false', target: 'quiet' },
      ],
    },
  },
};
