import type { IncomingMessage } from 'node:http';
import { newTimeOrderedId } from '../domain/ids.js';
import type { NewRequestLog } from '../store/records.js';
import type { ResolvedEndpoint } from './endpoint-resolver.js';
import type { Verdict } from './inspect-request.js';

/** The row one request leaves: headers already redacted, the answer as it is sent. */
export function toRequestLog(input: {
  readonly endpoint: ResolvedEndpoint;
  readonly receivedAt: number;
  readonly req: IncomingMessage;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
  readonly verdict: Verdict;
}): NewRequestLog {
  const { endpoint, verdict } = input;
  return {
    id: newTimeOrderedId(input.receivedAt),
    endpointId: endpoint.id,
    workspaceId: endpoint.workspaceId,
    integration: endpoint.integration,
    receivedAt: new Date(input.receivedAt),
    method: input.req.method ?? 'GET',
    path: input.req.url ?? '',
    headers: input.headers,
    body: input.body,
    responseStatus: verdict.answer.status,
    responseHeaders: verdict.answer.headers,
    responseBody: verdict.answer.body,
    deliveryId: verdict.deliveryId,
    events: verdict.events,
    outcome: verdict.outcome,
    reason: verdict.reason,
    dispatchState: verdict.outcome === 'accepted' ? 'pending' : 'none',
    replayOf: null,
  };
}
