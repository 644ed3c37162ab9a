import { type Config, isLocalUrl } from '../config/config.js';
import { HttpError } from '../domain/errors.js';

/**
 * Automatic subscriptions hand our callback URL to an external system, which must reach it: a
 * TRIGGER_URL on localhost or a private address would create a webhook that never delivers.
 * Refused with what to do, unless the operator allows it (tests, a tunnel on a private network).
 */
export function assertReachableCallbacks(config: Pick<Config, 'triggerUrl' | 'allowLocalCallbacks'>): void {
  if (config.allowLocalCallbacks || !isLocalUrl(config.triggerUrl)) return;
  throw new HttpError(
    400,
    'callback_url_unreachable',
    `TRIGGER_URL is ${config.triggerUrl}, a local address the external system cannot reach, so no webhook was created. ` +
      'Set TRIGGER_URL to the public https URL that forwards to this server (a reverse proxy or a tunnel; see the README, "Exposing TRIGGER_URL") and restart, ' +
      'or set TRIPLINE_ALLOW_LOCAL_CALLBACKS=1 if the external system can reach this address.',
  );
}
