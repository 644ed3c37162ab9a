export const WEBHOOK_PREFIX = '/triggers/webhook/';
export const WEBHOOK_DEBUG_PREFIX = '/triggers/webhook-debug/';

// Webhook ids are base64url with one dot; anything else never reaches a lookup.
const WEBHOOK_ID = /^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{1,64}$/;

export type WebhookMode = 'published' | 'debug';

/** True for request URLs the webhook handler serves. */
export function isWebhookPath(url: string | undefined): boolean {
  return url?.startsWith(WEBHOOK_PREFIX) === true || url?.startsWith(WEBHOOK_DEBUG_PREFIX) === true;
}

/** The mode, webhook id and query of a webhook URL; the id is undefined when malformed. */
export function parseWebhookUrl(url: string): {
  readonly mode: WebhookMode;
  readonly webhookId: string | undefined;
  readonly query: Record<string, string | string[]>;
} {
  const parsed = new URL(url, 'http://webhook.invalid');
  const mode: WebhookMode = parsed.pathname.startsWith(WEBHOOK_DEBUG_PREFIX) ? 'debug' : 'published';
  const prefix = mode === 'debug' ? WEBHOOK_DEBUG_PREFIX : WEBHOOK_PREFIX;
  const id = parsed.pathname.slice(prefix.length).replace(/\/$/, '');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of parsed.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { mode, webhookId: WEBHOOK_ID.test(id) ? id : undefined, query };
}
