import { signGitHubBody } from '@tripline/sdk';
import type { TestServer } from '../../server/src/test-server.test-helpers.js';

/**
 * GitHub subscriptions for console tests, made through the API, and deliveries to them as GitHub
 * sends them (signed with the subscription's webhook secret).
 *
 * ```ts
 * const subscription = await createManualGitHubSubscription(server);
 * await deliverGitHubEvent(subscription.callbackUrl, { event: 'issues', payload, secret: subscription.secret });
 * ```
 */

export interface ManualSubscription {
  readonly id: string;
  /** Where GitHub would send its deliveries. */
  readonly callbackUrl: string;
  /** The webhook secret, in clear only in the answer that created the setup. */
  readonly secret: string;
}

/** A built "Paste URL" GitHub subscription of the workspace of `token` (the owner's by default). */
export async function createManualGitHubSubscription(
  server: Pick<TestServer, 'api'>,
  options: { readonly token?: string; readonly name?: string } = {},
): Promise<ManualSubscription> {
  const auth = options.token === undefined ? {} : { token: options.token };
  const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
    ...auth,
    body: { method: 'manual', ...(options.name === undefined ? {} : { name: options.name }) },
  });
  if (builder.status !== 201) {
    throw new Error(
      `creating the subscription setup answered ${builder.status}: ${JSON.stringify(builder.json)}`,
    );
  }
  const id = String(builder.json.id);
  const built = await server.api('POST', `/api/v1/subscription-builders/${id}/build`, auth);
  if (built.status !== 201) {
    throw new Error(`building subscription ${id} answered ${built.status}: ${JSON.stringify(built.json)}`);
  }
  return {
    id,
    callbackUrl: String(built.json.endpoint),
    secret: String(builder.json.properties.webhook_secret),
  };
}

/** Posts one delivery of `event` as GitHub does, signed with `secret`; answers the reply and the signature. */
export async function deliverGitHubEvent(
  callbackUrl: string,
  delivery: {
    readonly event: string;
    readonly deliveryId: string;
    readonly secret: string;
    readonly payload: unknown;
  },
): Promise<{ readonly response: Response; readonly signature: string }> {
  const body = JSON.stringify(delivery.payload);
  const signature = signGitHubBody(body, delivery.secret);
  const response = await fetch(callbackUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': delivery.event,
      'x-github-delivery': delivery.deliveryId,
      'x-hub-signature-256': signature,
    },
    body,
  });
  return { response, signature };
}

/** The request log of a delivery once the dispatcher is done with it (the runs it started). */
export async function waitForDispatch(
  server: Pick<TestServer, 'api'>,
  subscriptionId: string,
  deliveryId: string,
): Promise<{ readonly runs: string[] }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const logs = await server.api('GET', `/api/v1/subscriptions/${subscriptionId}/logs`);
    const log = logs.json.items.find((item: { deliveryId: string }) => item.deliveryId === deliveryId);
    if (log?.dispatchState === 'done') return log;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`delivery ${deliveryId} was not dispatched`);
}
