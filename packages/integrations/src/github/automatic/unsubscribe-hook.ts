import { type ExistingSubscriptionInput, IntegrationError, type Logger } from '@tripline/sdk';
import { accessToken, createGitHubApi, type GitHubApi } from './github-api.js';
import { hookSettingsUrl, isHook } from './github-hook.js';
import { githubUrls } from './github-urls.js';
import { storedHookId, subscribedRepository } from './hook-properties.js';
import { hooksPath, type RepositoryName } from './repository-name.js';

/**
 * Deletes the subscription's webhook. A webhook that is already gone (deleted by hand) counts as
 * deleted, so removing a subscription never gets stuck on it. GitHub also answers 404 when the
 * token can no longer administer the repository, and then the webhook may well still deliver:
 * that is refused, saying where to look, rather than taken for "gone".
 *
 * Without a stored hook id (a build that created the webhook but never stored what `subscribe`
 * returned), the webhook is the one that delivers to the endpoint URL: the URL holds an
 * unguessable id, so it is ours. None there means there is nothing to remove.
 */
export async function unsubscribeGitHubHook(input: ExistingSubscriptionInput): Promise<void> {
  const hookId = storedHookId(input.properties);
  const repository = subscribedRepository(input.parameters, input.properties);
  const api = createGitHubApi(input.context, accessToken(input.credentials));
  const { webUrl } = githubUrls(input.context);
  if (hookId === undefined) {
    await deleteHookAt({ api, repository, url: input.endpointUrl, webUrl, logger: input.context.logger });
    return;
  }
  const answer = await api.request('DELETE', hooksPath(repository, hookId), {
    accept: [404],
    call: {
      doing: `deleting webhook ${hookId} from ${repository.fullName}`,
      repository: repository.fullName,
    },
  });
  if (answer.status === 404) {
    await confirmGone({ api, repository, hookId, webUrl });
    input.context.logger.info({ repository: repository.fullName, hookId }, 'GitHub webhook was already gone');
  }
}

/**
 * Deletes the repository's webhook that delivers to `url`, found in the paginated list. A 404 on
 * the delete means it went meanwhile (the listing proved the token may see it); a 404 on the
 * listing proves nothing, as for {@link confirmGone}.
 */
async function deleteHookAt(input: {
  readonly api: GitHubApi;
  readonly repository: RepositoryName;
  readonly url: string;
  readonly webUrl: string;
  readonly logger: Logger;
}): Promise<void> {
  const { api, repository, url, webUrl, logger } = input;
  let hooks: unknown[];
  try {
    hooks = await api.paginate(`${hooksPath(repository)}?per_page=100`, {
      doing: `looking for the webhook of ${url} on ${repository.fullName}`,
      repository: repository.fullName,
    });
  } catch (error) {
    if (!(error instanceof IntegrationError) || error.code !== 'repository_not_found') throw error;
    throw new IntegrationError(
      `GitHub answers 404 for the webhooks of ${repository.fullName}: the token can no longer administer the ` +
        `repository (or the repository is gone), so a webhook delivering to ${url} may still be there. ` +
        `Look at ${hookSettingsUrl(webUrl, repository.fullName)} and delete it there if it is listed`,
      'hook_unverifiable',
      { cause: error },
    );
  }
  const found = hooks.filter(isHook).find((hook) => hook.config.url === url);
  if (found === undefined) {
    logger.info({ repository: repository.fullName, url }, 'no GitHub webhook delivers to the endpoint');
    return;
  }
  const answer = await api.request('DELETE', hooksPath(repository, found.id), {
    accept: [404],
    call: {
      doing: `deleting webhook ${found.id} from ${repository.fullName}`,
      repository: repository.fullName,
    },
  });
  const gone =
    answer.status === 404 ? 'GitHub webhook was already gone' : 'GitHub webhook found by its URL deleted';
  logger.info({ repository: repository.fullName, hookId: found.id, url }, gone);
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
