import { createRequire } from 'node:module';
import { type RawRequest, signGitHubBody } from '@tripline/sdk';

/** One event's group in @octokit/webhooks-examples: real payloads GitHub sent. */
export interface ExampleGroup {
  readonly name: string;
  readonly actions: readonly string[];
  readonly examples: readonly Record<string, unknown>[];
}

export const EXAMPLES = createRequire(import.meta.url)(
  '@octokit/webhooks-examples',
) as readonly ExampleGroup[];

export const SECRET = "It's a Secret to Everybody";

export interface DeliveryInput {
  readonly event: string;
  readonly body: string;
  readonly secret?: string;
  readonly contentType?: string;
  readonly deliveryId?: string;
}

/** A delivery as GitHub sends it: signed body, event and delivery headers. */
export function githubDelivery(input: DeliveryInput): RawRequest {
  const body = new TextEncoder().encode(input.body);
  return {
    method: 'POST',
    url: '/triggers/plugin/test',
    headers: {
      'content-type': input.contentType ?? 'application/json',
      'x-github-event': input.event,
      'x-github-delivery': input.deliveryId ?? '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': signGitHubBody(body, input.secret ?? SECRET),
      'user-agent': 'GitHub-Hookshot/044aadd',
    },
    body,
  };
}

/** The same payload as GitHub's form content type sends it. */
export function formBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
