import type { ExistingSubscriptionInput } from '@tripline/sdk';
import { accessToken, createGitHubApi } from './github-api.js';
import { storedHookId, subscribedRepository } from './hook-properties.js';
import { hooksPath } from './repository-name.js';

/**
 * Deletes the subscription's webhook. A webhook that is already gone (404: deleted by hand, or
 * the repository with it) counts as deleted, so removing a subscription never gets stuck on it.
 */
export async function unsubscribeGitHubHook(input: ExistingSubscriptionInput): Promise<void> {
  const hookId = storedHookId(input.properties);
  if (hookId === undefined) return;
  const repository = subscribedRepository(input.parameters, input.properties);
  const api = createGitHubApi(input.context, accessToken(input.credentials));
  const answer = await api.request('DELETE', hooksPath(repository, hookId), {
    accept: [404],
    call: {
      doing: `deleting webhook ${hookId} from ${repository.fullName}`,
      repository: repository.fullName,
    },
  });
  if (answer.status === 404) {
    input.context.logger.info({ repository: repository.fullName, hookId }, 'GitHub webhook was already gone');
  }
}
