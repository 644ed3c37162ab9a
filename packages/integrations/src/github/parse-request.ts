import { header, type ParseResult, type RawRequest } from '@tripline/sdk';
import type { GitHubWebhookEventName } from './event-names.js';
import { isPayload, type Payload } from './filters/payload.js';

export const GITHUB_EVENT_HEADER = 'x-github-event';
export const GITHUB_DELIVERY_HEADER = 'x-github-delivery';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** The shape GitHub's event names have; anything else in the header is not from GitHub. */
const EVENT_NAME = /^[a-z][a-z0-9_]{0,99}$/;

/**
 * Reads a verified GitHub delivery: the event from `X-GitHub-Event`, the delivery id from
 * `X-GitHub-Delivery`, and the payload from a JSON body or a form body's `payload` field (the two
 * content types GitHub offers). On the ingress hot path: one JSON.parse, no schema validation.
 *
 * Names the catalog does not list are accepted as events of that name (see
 * {@link UnlistedGitHubEventName}); `ping` starts nothing and is answered with its zen line.
 */
export function parseGitHubRequest(request: RawRequest): ParseResult<GitHubWebhookEventName> {
  const name = header(request, GITHUB_EVENT_HEADER)?.trim();
  if (!name) return { ok: false, status: 400, reason: 'missing X-GitHub-Event header' };
  if (!EVENT_NAME.test(name)) {
    return { ok: false, status: 400, reason: `X-GitHub-Event "${name.slice(0, 100)}" is not an event name` };
  }
  const body = readPayload(request);
  if (!body.ok) return body;
  const deliveryId = header(request, GITHUB_DELIVERY_HEADER)?.trim() || undefined;
  const delivery = deliveryId === undefined ? {} : { deliveryId };
  const payload = body.payload;
  if (name === 'ping') {
    const zen = typeof payload.zen === 'string' ? payload.zen : undefined;
    return {
      ok: true,
      ...delivery,
      events: [],
      response: { status: 200, body: { ok: true, event: 'ping', ...(zen === undefined ? {} : { zen }) } },
    };
  }
  const action = typeof payload.action === 'string' ? payload.action : undefined;
  return {
    ok: true,
    ...delivery,
    events: [{ name: name as GitHubWebhookEventName, ...(action === undefined ? {} : { action }), payload }],
    response: { status: 200, body: { ok: true } },
  };
}

type BodyResult = { readonly ok: true; readonly payload: Payload } | Extract<ParseResult, { ok: false }>;

function readPayload(request: RawRequest): BodyResult {
  const contentType = header(request, 'content-type');
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  const text = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString(
    'utf8',
  );
  if (mediaType === JSON_TYPE) return parseJson(text, 'body');
  if (mediaType === FORM_TYPE) {
    const field = new URLSearchParams(text).get('payload');
    if (field === null) return { ok: false, status: 400, reason: 'form body has no "payload" field' };
    return parseJson(field, 'form field "payload"');
  }
  return {
    ok: false,
    status: 415,
    reason: `content type "${contentType ?? '(none)'}" is not accepted; send ${JSON_TYPE} or ${FORM_TYPE}`,
  };
}

function parseJson(text: string, where: string): BodyResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 400, reason: `${where} is not valid JSON: ${detail}` };
  }
  if (!isPayload(value)) return { ok: false, status: 400, reason: `${where} must be a JSON object` };
  return { ok: true, payload: value };
}
