import { expect } from 'vitest';
import { OWNER_TOKEN, type TestServer } from '../test-server.test-helpers.js';
import { followEvents, type SseEvent } from './sse-client.test-helpers.js';

/** The pull request trigger node of `github-two-triggers.yml` (see github-manual-subscription.test-helpers.ts). */
export const PULL_REQUEST_NODE = '1754400000001';
/** A pull request event that trigger's filters let through. */
export const PULL_REQUEST_OPENED = {
  action: 'opened',
  number: 7,
  pull_request: { title: 'Add retries', number: 7 },
};

/** "Run this step" on a draft trigger node over HTTP, with its event stream followed from the start. */
export async function listenOnDraftNode(
  server: TestServer,
  workflowId: string,
  nodeId = PULL_REQUEST_NODE,
): Promise<{ listenerId: string; events: Promise<SseEvent[]>; close(): void }> {
  const listener = await server.api('POST', `/api/v1/workflows/${workflowId}/draft/nodes/${nodeId}/listen`);
  expect(listener.status, JSON.stringify(listener.json)).toBe(201);
  const listenerId: string = listener.json.listenerId;
  const stream = followEvents(`${server.url}/api/v1/listeners/${listenerId}/events`, OWNER_TOKEN);
  expect(await stream.opened).toBe(200);
  return { listenerId, events: stream.events, close: stream.close };
}
