import type { NewRequestLog } from '../records.js';
import type { DeliveryReceipt } from '../store.js';

/** What the writer thread starts with. */
export interface DeliveryWorkerSetup {
  /** The ring that carries bodies (see body-ring.ts). */
  readonly ring: SharedArrayBuffer;
}

/** Where a batch's bodies are: a stretch of the shared ring, or a buffer transferred with it. */
export type WireBodies =
  | { readonly kind: 'ring'; readonly start: number; readonly length: number }
  | { readonly kind: 'buffer'; readonly buffer: ArrayBuffer };

export interface WireBatch {
  readonly type: 'batch';
  readonly connection: number;
  readonly requestId: number;
  readonly logs: readonly WireLog[];
  readonly bodies: WireBodies;
}

/** Deliveries that started nothing, to mark dispatched (see SqliteDeliveryWriter.markUnstarted). */
export interface WireMarks {
  readonly type: 'marks';
  readonly connection: number;
  readonly requestId: number;
  readonly dispatchedAt: number;
  readonly marks: readonly DispatchMark[];
}

/** One delivery's dispatch results, already JSON. */
export interface DispatchMark {
  readonly id: string;
  readonly results: string;
}

/**
 * Messages between the writer thread and the thread that owns it. One thread may hold
 * connections to several database files, each known by a number the owner picks.
 */
export type ToDeliveryWorker =
  | {
      readonly type: 'open';
      readonly connection: number;
      readonly file: string;
      readonly busyTimeoutMs: number;
    }
  | WireBatch
  | WireMarks
  | { readonly type: 'close'; readonly connection: number; readonly requestId: number }
  | { readonly type: 'exit' };

export type FromDeliveryWorker =
  | {
      readonly type: 'batch';
      readonly requestId: number;
      readonly outcomes: readonly WireOutcome[];
      /** On the first batch of each transaction: the deliveries it wrote, for all its batches. */
      readonly committedRows?: number;
    }
  | { readonly type: 'marked'; readonly requestId: number }
  | { readonly type: 'failed'; readonly requestId: number; readonly message: string }
  | { readonly type: 'closed'; readonly requestId: number };

/** A log without its body; the body is the slice [bodyStart, bodyStart + bodyLength) of the batch's buffer. */
export interface WireLog extends Omit<NewRequestLog, 'body'> {
  readonly bodyStart: number;
  /** -1 for a null body. */
  readonly bodyLength: number;
}

export type WireOutcome =
  | { readonly ok: true; readonly receipt: DeliveryReceipt }
  | { readonly ok: false; readonly message: string };

/** The total size of a batch's bodies. */
export function bodiesSize(logs: readonly NewRequestLog[]): number {
  let total = 0;
  for (const log of logs) total += log.body?.byteLength ?? 0;
  return total;
}

/**
 * Packs a batch for the worker: the logs without bodies, and the bodies copied one after the
 * other into `target` (of at least `bodiesSize(logs)` bytes).
 */
export function encodeBatch(logs: readonly NewRequestLog[], target: Uint8Array): WireLog[] {
  let offset = 0;
  return logs.map((log): WireLog => {
    const bodyStart = offset;
    if (log.body !== null) {
      target.set(log.body, offset);
      offset += log.body.byteLength;
    }
    // Listed field by field: a spread would put the body into the message too.
    return {
      id: log.id,
      endpointId: log.endpointId,
      workspaceId: log.workspaceId,
      integration: log.integration,
      receivedAt: log.receivedAt,
      method: log.method,
      path: log.path,
      headers: log.headers,
      responseStatus: log.responseStatus,
      responseHeaders: log.responseHeaders,
      responseBody: log.responseBody,
      deliveryId: log.deliveryId,
      events: log.events,
      outcome: log.outcome,
      reason: log.reason,
      dispatchState: log.dispatchState,
      replayOf: log.replayOf,
      bodyStart,
      bodyLength: log.body === null ? -1 : log.body.byteLength,
    };
  });
}

/** The worker's side of `encodeBatch`: a view of each body, no copy. */
export function decodeLog(log: WireLog, bodies: Uint8Array): NewRequestLog {
  const { bodyStart, bodyLength, ...rest } = log;
  return { ...rest, body: bodyLength < 0 ? null : bodies.subarray(bodyStart, bodyStart + bodyLength) };
}
