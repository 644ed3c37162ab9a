import type { NewRequestLog } from '../records.js';

/** How a write ended: the row id, and for a repeated delivery id, the answer first given. */
export type DeliveryReceipt =
  | { readonly duplicate: false; readonly id: string }
  | {
      readonly duplicate: true;
      readonly id: string;
      readonly original: {
        readonly id: string;
        readonly responseStatus: number;
        readonly responseHeaders: Readonly<Record<string, string>>;
        readonly responseBody: string;
      };
    };

/**
 * Group commit for the ingress: many concurrent `write` calls share one transaction, and each
 * resolves only after that transaction committed. An `accepted` log whose (endpoint, delivery id)
 * was accepted before is stored as `duplicate` with dispatch state `none`.
 */
export interface DeliveryWriter {
  write(log: NewRequestLog): Promise<DeliveryReceipt>;
  /** Flushes what is queued and stops. */
  close(): Promise<void>;
}
