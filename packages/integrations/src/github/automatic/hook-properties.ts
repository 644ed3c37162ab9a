import type { ParameterValues } from '@tripline/sdk';
import { WEBHOOK_SECRET } from '../verify-request.js';
import { hookSettingsUrl } from './github-hook.js';
import { parseRepositoryName, type RepositoryName } from './repository-name.js';

/** The properties an automatic subscription stores; `webhook_secret` is the only secret one. */
export const HOOK_ID = 'hook_id';
export const HOOK_REPOSITORY = 'repository';
export const HOOK_SETTINGS_URL = 'hook_settings_url';

/** What `subscribe` returns for the webhook it created or adopted. */
export function hookProperties(input: {
  readonly webUrl: string;
  readonly repository: RepositoryName;
  readonly hookId: number;
  readonly secret: string;
}): ParameterValues {
  return {
    [HOOK_ID]: String(input.hookId),
    [HOOK_REPOSITORY]: input.repository.fullName,
    [WEBHOOK_SECRET]: input.secret,
    [HOOK_SETTINGS_URL]: hookSettingsUrl(input.webUrl, input.repository.fullName, input.hookId),
  };
}

/** The stored hook id of an existing subscription, or undefined for one that never got a webhook. */
export function storedHookId(properties: ParameterValues): string | undefined {
  const id = properties[HOOK_ID];
  if (typeof id === 'number') return String(id);
  return typeof id === 'string' && /^\d+$/.test(id) ? id : undefined;
}

/**
 * The repository an existing subscription's webhook lives on: the one `subscribe` stored (the
 * parameters may have been edited since), else the `repository` parameter.
 */
export function subscribedRepository(
  parameters: ParameterValues,
  properties: ParameterValues,
): RepositoryName {
  const stored = properties[HOOK_REPOSITORY];
  return parseRepositoryName(typeof stored === 'string' && stored !== '' ? stored : parameters.repository);
}
