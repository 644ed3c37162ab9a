import { createHmac, timingSafeEqual } from 'node:crypto';

/** The trigger node a webhook id stands for. */
export interface WebhookTarget {
  readonly workspaceId: string;
  readonly workflowId: string;
  readonly nodeId: string;
}

const MAC_LENGTH = 16;

/**
 * Webhook ids that carry their trigger node and a MAC over it: `<node reference>.<mac>`, both
 * base64url. The MAC key is derived from the service's secret key, so an id cannot be guessed
 * or edited to point at another workspace's workflow, and the same node keeps the same id from
 * draft to every published version (as Dify's webhook URLs do) without an extra lookup table.
 * Re-keying (`tripline rotate-secret-key`) therefore changes every webhook id, on purpose: whoever
 * held the old key could forge ids for any workspace, and only a new MAC key revokes them.
 */
export class WebhookIds {
  readonly #key: Buffer;

  constructor(secretKey: Uint8Array) {
    this.#key = createHmac('sha256', secretKey).update('tripline webhook ids v1').digest();
  }

  idFor(target: WebhookTarget): string {
    const reference = Buffer.from(
      JSON.stringify([target.workspaceId, target.workflowId, target.nodeId]),
    ).toString('base64url');
    return `${reference}.${this.#mac(reference).toString('base64url')}`;
  }

  /** The target of a genuine id; undefined for anything else. */
  parse(webhookId: string): WebhookTarget | undefined {
    const [reference, mac, extra] = webhookId.split('.');
    if (!reference || !mac || extra !== undefined) return undefined;
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== MAC_LENGTH || !timingSafeEqual(given, this.#mac(reference))) return undefined;
    try {
      const parts: unknown = JSON.parse(Buffer.from(reference, 'base64url').toString('utf8'));
      if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((part) => typeof part === 'string')) {
        return undefined;
      }
      const [workspaceId, workflowId, nodeId] = parts as [string, string, string];
      return { workspaceId, workflowId, nodeId };
    } catch {
      return undefined;
    }
  }

  #mac(reference: string): Buffer {
    return createHmac('sha256', this.#key).update(reference).digest().subarray(0, MAC_LENGTH);
  }
}
