import type { Clock, Integration, Logger, ParameterValues, RawRequest } from '@tripline/sdk';
import type { EventSummary, RequestOutcome } from '../store/records.js';
import { errorAnswer, type IngressAnswer, integrationAnswer } from './ingress-answer.js';

/** What verifying and reading one request came to, before anything is stored. */
export interface Verdict {
  readonly outcome: Exclude<RequestOutcome, 'duplicate'>;
  readonly answer: IngressAnswer;
  readonly deliveryId: string | null;
  readonly events: readonly EventSummary[];
  readonly reason: string | null;
}

const NO_EVENTS: readonly EventSummary[] = [];

/**
 * Runs the integration's two hot-path hooks: `verify` over the raw bytes, then `parse`. A hook that
 * throws is a defect of the integration, answered 500 and kept as unreadable so it can be replayed
 * once fixed.
 */
export function inspectRequest(input: {
  readonly integration: Integration;
  readonly request: RawRequest;
  readonly properties: ParameterValues;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly endpointId: string;
}): Verdict {
  const { integration, request } = input;
  try {
    const verified = integration.verify({ request, properties: input.properties, clock: input.clock });
    if (!verified.ok) {
      const message = `the request's signature was refused: ${verified.reason}`;
      return refused(
        'unauthorized',
        errorAnswer(verified.status ?? 401, 'unauthorized', message),
        verified.reason,
      );
    }
    const parsed = integration.parse(request);
    if (!parsed.ok) {
      const answer =
        parsed.status === 415
          ? errorAnswer(415, 'unsupported_media_type', `unsupported content type: ${parsed.reason}`)
          : errorAnswer(400, 'invalid_body', `the request body cannot be read: ${parsed.reason}`);
      return refused('unreadable', answer, parsed.reason);
    }
    const events = parsed.events.length === 0 ? NO_EVENTS : parsed.events.map(summarize);
    return {
      outcome: events.length === 0 ? 'no_events' : 'accepted',
      answer: integrationAnswer(parsed.response),
      deliveryId: parsed.deliveryId ?? null,
      events,
      reason: null,
    };
  } catch (error) {
    input.logger.error(
      { endpointId: input.endpointId, integration: integration.id, err: error },
      'integration failed while verifying or reading a request',
    );
    const reason = `integration "${integration.id}" failed to read the request: ${describe(error)}`;
    return refused('unreadable', errorAnswer(500, 'internal_error', reason), reason);
  }
}

/** A body over the limit: refused unread, kept without the body. */
export function tooLarge(message: string): Verdict {
  return refused('too_large', errorAnswer(413, 'payload_too_large', message), message);
}

function refused(
  outcome: 'unauthorized' | 'unreadable' | 'too_large',
  answer: IngressAnswer,
  reason: string,
): Verdict {
  return { outcome, answer, deliveryId: null, events: NO_EVENTS, reason };
}

function summarize(event: { readonly name: string; readonly action?: string }): EventSummary {
  return event.action === undefined ? { name: event.name } : { name: event.name, action: event.action };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
