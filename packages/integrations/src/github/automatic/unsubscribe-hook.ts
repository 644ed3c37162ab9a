import { type ExistingSubscriptionInput, IntegrationError } from '@tripline/sdk';
import { accessToken, createGitHubApi, type GitHubApi } from './github-api.js';
import { hookSettingsUrl } from './github-hook.js';
import { githubUrls } from './github-urls.js';
import { storedHookId, subscribedRepository } from './hook-properties.js';
import { hooksPath, type RepositoryName } from './repository-name.js';

/**
 * Deletes the subscription's webhook. A webhook that is already gone (deleted by hand) counts as
 * deleted, so removing a subscription never gets stuck on it. GitHub also answers 404 when the
 * token can no longer administer the repository, and then the webhook may well still deliver:
 * that is refused, saying where to look, rather than taken for "gone".
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
    await confirmGone({ api, repository, hookId, webUrl: githubUrls(input.context).webUrl });
    input.context.logger.info({ repository: repository.fullName, hookId }, 'GitHub webhook was already gone');
  }
}

/**
 * After a 404 on the webhook: only a token that can still list the repository's webhooks (admin
 * rights) proves the webhook itself is gone.
 */
async function confirmGone(input: {
  readonly api: GitHubApi;
  readonly repository: RepositoryName;
  readonly hookId: string;
  readonly webUrl: string;
}): Promise<void> {
  const { api, repository, hookId, webUrl } = input;
  const listed = await api.request('GET', `${hooksPath(repository)}?per_page=1`, {
    accept: [404],
    call: {
      doing: `checking access to the webhooks of ${repository.fullName}`,
      repository: repository.fullName,
    },
  });
  if (listed.status !== 404) return;
  throw new IntegrationError(
    `GitHub answers 404 for webhook ${hookId} and for every webhook of ${repository.fullName}: the token can no longer ` +
      'administer the repository (or the repository is gone), so the webhook may still be there. ' +
      `Look at ${hookSettingsUrl(webUrl, repository.fullName, hookId)} and delete it there if it is listed`,
    'hook_unverifiable',
  );
}
