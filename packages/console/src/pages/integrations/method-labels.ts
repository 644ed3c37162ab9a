import type { SubscriptionMethod } from '../../api/integration-types.js';
import type { SubscriptionStatus } from '../../api/subscription-types.js';

/** How each way of subscribing is named on buttons and in tables. */
export const METHOD_LABELS: Readonly<Record<SubscriptionMethod, string>> = {
  manual: 'Manual (paste URL)',
  'api-key': 'API key',
  oauth: 'OAuth',
};

/** Names of the create buttons, as users of this kind of product know them. */
export const CREATE_LABELS: Readonly<Record<SubscriptionMethod, string>> = {
  oauth: 'Create with OAuth',
  'api-key': 'Create with API Key',
  manual: 'Paste URL to create a new subscription',
};

export const STATUS_TONES: Readonly<Record<SubscriptionStatus, 'ok' | 'bad' | 'warn'>> = {
  active: 'ok',
  unauthorized: 'bad',
  error: 'warn',
};
