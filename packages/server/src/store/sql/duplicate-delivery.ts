import type { NewRequestLog } from '../records.js';
import type { DeliveryReceipt } from '../store.js';
import type { RequestLogsTable } from './database.js';
import { parseJson } from './row-mapping.js';

export type NewRequestLogRow = RequestLogsTable;

/** The columns of the row a repeated delivery id points back to. */
export type OriginalDeliveryRow = Pick<
  RequestLogsTable,
  'id' | 'response_status' | 'response_headers' | 'response_body'
>;

/**
 * Rows the partial unique index (endpoint_id, delivery_id) guards: accepted deliveries with an
 * id, except replays, which re-dispatch on purpose. Both schemas declare the same predicate.
 */
export function isDedupeCandidate(log: Pick<NewRequestLog, 'outcome' | 'deliveryId' | 'replayOf'>): boolean {
  return log.outcome === 'accepted' && log.deliveryId !== null && log.replayOf === null;
}

/** The conflict target's predicate, as SQL text shared by both dialects. */
export const DEDUPE_INDEX_PREDICATE =
  "delivery_id IS NOT NULL AND outcome = 'accepted' AND replay_of IS NULL";

/** A repeated delivery is kept for the log, answered as the original was, and starts nothing. */
export function asDuplicateRow(row: NewRequestLogRow, original: OriginalDeliveryRow): NewRequestLogRow {
  return {
    ...row,
    outcome: 'duplicate',
    dispatch_state: 'none',
    reason: `delivery id "${row.delivery_id}" was accepted before as log ${original.id}`,
    response_status: original.response_status,
    response_headers: original.response_headers,
    response_body: original.response_body,
  };
}

export function duplicateReceipt(id: string, original: OriginalDeliveryRow): DeliveryReceipt {
  return {
    duplicate: true,
    id,
    original: {
      id: original.id,
      responseStatus: original.response_status,
      responseHeaders: parseJson<Record<string, string>>(original.response_headers),
      responseBody: original.response_body,
    },
  };
}
