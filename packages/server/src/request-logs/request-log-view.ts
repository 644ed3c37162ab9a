import type { DispatchState, EventSummary, RequestLogRecord, RequestOutcome } from '../store/records.js';
import type { EventDispatch, TriggerDispatch } from '../store/workflow-records.js';

/** How much of a request body a list shows; one log's GET shows it all. */
export const LIST_BODY_LIMIT_BYTES = 64 * 1024;

/** A request log as the API shows it. */
export interface RequestLogView {
  readonly id: string;
  readonly receivedAt: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    /** Signature and auth headers were redacted before storing. */
    readonly headers: Record<string, string>;
    /** Null when the body was refused before being read (too large). */
    readonly body: string | null;
    /** `utf8` when the bytes are valid UTF-8, else `base64`. */
    readonly bodyEncoding: 'utf8' | 'base64';
    /** Size of the whole body in bytes. */
    readonly bodySize: number;
    /** True when `body` shows only the first {@link LIST_BODY_LIMIT_BYTES}. */
    readonly bodyTruncated: boolean;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: string;
  };
  readonly deliveryId: string | null;
  readonly events: EventSummary[];
  readonly outcome: RequestOutcome;
  readonly reason: string | null;
  readonly dispatchState: DispatchState;
  readonly runs: string[];
  /** Per event, what each listening trigger did with it (ran, filtered out, disabled) or why none ran. */
  readonly dispatch: (Omit<EventDispatch, 'triggers'> & { triggers: TriggerDispatch[] })[];
  readonly replayOf: string | null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function toRequestLogView(
  record: RequestLogRecord,
  options: { readonly bodyLimitBytes?: number; readonly dispatch?: readonly EventDispatch[] } = {},
): RequestLogView {
  return {
    id: record.id,
    receivedAt: record.receivedAt.toISOString(),
    request: {
      method: record.method,
      path: record.path,
      headers: { ...record.headers },
      ...showBody(record.body, options.bodyLimitBytes ?? Number.POSITIVE_INFINITY),
    },
    response: {
      status: record.responseStatus,
      headers: { ...record.responseHeaders },
      body: record.responseBody,
    },
    deliveryId: record.deliveryId,
    events: record.events.map((event) => ({ ...event })),
    outcome: record.outcome,
    reason: record.reason,
    dispatchState: record.dispatchState,
    runs: [...record.runs],
    dispatch: (options.dispatch ?? []).map((event) => ({ ...event, triggers: [...event.triggers] })),
    replayOf: record.replayOf,
  };
}

function showBody(
  body: Uint8Array | null,
  limit: number,
): Pick<RequestLogView['request'], 'body' | 'bodyEncoding' | 'bodySize' | 'bodyTruncated'> {
  if (body === null) return { body: null, bodyEncoding: 'utf8', bodySize: 0, bodyTruncated: false };
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const truncated = bytes.length > limit;
  let text: string | undefined;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    const shown = truncated ? bytes.subarray(0, limit) : bytes;
    return {
      body: shown.toString('base64'),
      bodyEncoding: 'base64',
      bodySize: bytes.length,
      bodyTruncated: truncated,
    };
  }
  const shown = truncated ? bytes.subarray(0, characterBoundary(bytes, limit)).toString('utf8') : text;
  return { body: shown, bodyEncoding: 'utf8', bodySize: bytes.length, bodyTruncated: truncated };
}

/** The largest cut at or below `limit` that does not split a UTF-8 character. */
function characterBoundary(bytes: Uint8Array, limit: number): number {
  let end = limit;
  // Continuation bytes look like 10xxxxxx: step back to the byte that starts the character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return end;
}
