import { readFileSync } from 'node:fs';
import { signGitHubBody } from '@tripline/sdk';
import { expect } from 'vitest';
import { OWNER_TOKEN, type TestServer } from './test-server.test-helpers.js';

/** The subscription id the fixture's two GitHub triggers name, replaced by a real one on import. */
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';
const GITHUB_TWO_TRIGGERS = readFileSync(
  new URL('./engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
  'utf8',
);

/** A built manual GitHub subscription of a test server, and what tests do with it. */
export interface ManualGitHubSubscription {
  readonly id: string;
  /** The webhook secret deliveries are signed with. */
  readonly secret: string;
  /** Imports `github-two-triggers.yml` bound to this subscription as a draft; answers its workflow id. */
  importWorkflow(): Promise<string>;
  /** Sends `payload` as GitHub would, signed, and answers the ingress reply. */
  deliver(event: string, payload: object, deliveryId: string): Promise<Response>;
  /** Waits until the dispatcher is done with the delivery and answers its log. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers by path and assert on them
  dispatchedLog(deliveryId: string): Promise<any>;
}

/** Builds a manual GitHub subscription through the API of `server`, as the console does. */
export async function buildManualGitHubSubscription(server: TestServer): Promise<ManualGitHubSubscription> {
  const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
    body: { method: 'manual' },
  });
  const id: string = builder.json.id;
  const secret: string = builder.json.properties.webhook_secret;
  expect((await server.api('POST', `/api/v1/subscription-builders/${id}/build`)).status).toBe(201);
  return {
    id,
    secret,
    async importWorkflow() {
      const created = await fetch(`${server.url}/api/v1/workflows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
        body: GITHUB_TWO_TRIGGERS.replaceAll(FIXTURE_SUBSCRIPTION, id),
      });
      expect(created.status).toBe(201);
      return ((await created.json()) as { id: string }).id;
    },
    deliver(event, payload, deliveryId) {
      const body = JSON.stringify(payload);
      return fetch(`${server.url}/triggers/plugin/${id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': deliveryId,
          'x-hub-signature-256': signGitHubBody(body, secret),
        },
        body,
      });
    },
    async dispatchedLog(deliveryId) {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const logs = await server.api('GET', `/api/v1/subscriptions/${id}/logs`);
        const log = logs.json.items.find((item: { deliveryId: string }) => item.deliveryId === deliveryId);
        if (log?.dispatchState === 'done') return log;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`delivery ${deliveryId} was not dispatched`);
    },
  };
}
