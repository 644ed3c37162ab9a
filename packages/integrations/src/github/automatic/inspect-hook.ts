import type { ExistingSubscriptionInput, ExternalWebhookHealth } from '@tripline/sdk';
import { accessToken, createGitHubApi } from './github-api.js';
import { type GitHubHook, readHook } from './github-hook.js';
import { storedHookId, subscribedRepository } from './hook-properties.js';
import { repositoryHookEvents } from './repository-hook-events.js';
import { hooksPath } from './repository-name.js';

/**
 * Looks at the subscription's webhook without changing it: gone is `missing`; pointing elsewhere,
 * disabled, or sending other events than the subscription asks for is `drifted`. Refused
 * credentials throw, so the server can tell a revoked token from a deleted webhook.
 */
export async function inspectGitHubHook(input: ExistingSubscriptionInput): Promise<ExternalWebhookHealth> {
  const hookId = storedHookId(input.properties);
  const repository = subscribedRepository(input.parameters, input.properties);
  if (hookId === undefined) {
    return { state: 'missing', reason: `the subscription holds no webhook id for ${repository.fullName}` };
  }
  const api = createGitHubApi(input.context, accessToken(input.credentials));
  const doing = `reading webhook ${hookId} of ${repository.fullName}`;
  const answer = await api.request('GET', hooksPath(repository, hookId), {
    accept: [404],
    call: { doing, repository: repository.fullName },
  });
  if (answer.status === 404) {
    return {
      state: 'missing',
      reason: `webhook ${hookId} no longer exists on ${repository.fullName} (or the token lost admin rights on it)`,
    };
  }
  const differences = hookDifferences(readHook(answer.body, doing), {
    url: input.endpointUrl,
    events: repositoryHookEvents(input.parameters.events),
  });
  if (differences.length === 0) return { state: 'healthy' };
  return {
    state: 'drifted',
    reason: `webhook ${hookId} on ${repository.fullName} ${differences.join('; ')}`,
  };
}

/** How a webhook differs from what the subscription wants, one phrase per difference. */
export function hookDifferences(
  hook: GitHubHook,
  wanted: { readonly url: string; readonly events: readonly string[] },
): string[] {
  const differences: string[] = [];
  if (hook.config.url !== wanted.url) {
    differences.push(`delivers to ${hook.config.url ?? 'no URL'} instead of ${wanted.url}`);
  }
  if (!hook.active) differences.push('is disabled');
  const has = new Set(hook.events);
  const missing = wanted.events.filter((event) => !has.has(event));
  const extra = hook.events.filter((event) => !wanted.events.includes(event));
  if (missing.length > 0) differences.push(`does not send ${missing.join(', ')}`);
  if (extra.length > 0) differences.push(`also sends ${extra.join(', ')}`);
  return differences;
}
