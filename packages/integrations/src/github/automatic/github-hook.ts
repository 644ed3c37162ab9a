import { ExternalServiceError } from '@tripline/sdk';

/** The parts of GitHub's repository webhook object the integration reads. */
export interface GitHubHook {
  readonly id: number;
  readonly active: boolean;
  readonly events: readonly string[];
  readonly config: { readonly url?: string; readonly content_type?: string };
}

/** What the webhook is created or corrected with. */
export interface HookRequest {
  readonly name: 'web';
  readonly active: true;
  readonly events: readonly string[];
  readonly config: {
    readonly url: string;
    readonly content_type: 'json';
    readonly insecure_ssl: '0';
    readonly secret: string;
  };
}

/** Reads a webhook object from GitHub's answer, refusing anything that is not one. */
export function readHook(body: unknown, doing: string): GitHubHook {
  if (!isHook(body)) throw new ExternalServiceError(`GitHub answered ${doing} without a webhook object`, 200);
  return body;
}

/** Whether a value has the shape of GitHub's webhook object, e.g. an item of the hooks list. */
export function isHook(value: unknown): value is GitHubHook {
  if (typeof value !== 'object' || value === null) return false;
  const hook = value as Record<string, unknown>;
  return (
    typeof hook.id === 'number' &&
    typeof hook.active === 'boolean' &&
    Array.isArray(hook.events) &&
    hook.events.every((event) => typeof event === 'string') &&
    typeof hook.config === 'object' &&
    hook.config !== null
  );
}

/** Where a person sees and deletes the webhook in GitHub, e.g. for a conflict they must resolve. */
export function hookSettingsUrl(webUrl: string, fullName: string, hookId?: number | string): string {
  const base = `${webUrl}/${fullName}/settings/hooks`;
  return hookId === undefined ? base : `${base}/${hookId}`;
}
