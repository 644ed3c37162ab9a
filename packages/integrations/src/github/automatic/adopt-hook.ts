import { IntegrationError } from '@tripline/sdk';
import type { GitHubApi } from './github-api.js';
import { githubMessage, validationErrors } from './github-api-errors.js';
import { type GitHubHook, type HookRequest, hookSettingsUrl, isHook, readHook } from './github-hook.js';
import { hooksPath, type RepositoryName } from './repository-name.js';

/** Whether a 422 is GitHub's "Hook already exists on this repository" rather than a bad request. */
export function isHookExistsAnswer(body: unknown): boolean {
  return validationErrors(body).some((message) => /already exists/i.test(message));
}

/**
 * Takes over the webhook that already delivers to our endpoint URL: it is ours (the URL holds an
 * unguessable id), so it gets our events, active again, and a fresh secret, which is what the
 * subscription stores from now on. Anything that stops that ends in a `hook_conflict` error that
 * says what the user must do by hand.
 */
export async function adoptExistingHook(input: {
  readonly api: GitHubApi;
  readonly repository: RepositoryName;
  readonly request: HookRequest;
  readonly webUrl: string;
}): Promise<GitHubHook> {
  const { api, repository, request, webUrl } = input;
  const url = request.config.url;
  const doing = `looking for the webhook of ${url} on ${repository.fullName}`;
  const hooks = await api.paginate(`${hooksPath(repository)}?per_page=100`, {
    doing,
    repository: repository.fullName,
  });
  const existing = hooks.filter(isHook).find((hook) => hook.config.url === url);
  if (existing === undefined) {
    throw new IntegrationError(
      `GitHub says a webhook for ${url} already exists on ${repository.fullName}, but none of its webhooks has ` +
        `exactly that URL: delete the webhook that points at this address at ${hookSettingsUrl(webUrl, repository.fullName)} and try again`,
      'hook_conflict',
    );
  }
  const updating = `updating webhook ${existing.id} on ${repository.fullName}`;
  const answer = await api.request('PATCH', hooksPath(repository, existing.id), {
    body: { active: request.active, events: request.events, config: request.config },
    accept: [404, 422],
    call: { doing: updating, repository: repository.fullName },
  });
  if (answer.status === 404 || answer.status === 422) {
    const said = [githubMessage(answer.body), ...validationErrors(answer.body)].filter(Boolean).join(': ');
    throw new IntegrationError(
      `a webhook for ${url} already exists on ${repository.fullName} (id ${existing.id}) and could not be updated ` +
        `(${said || `HTTP ${answer.status}`}): delete it at ${hookSettingsUrl(webUrl, repository.fullName, existing.id)} and try again`,
      'hook_conflict',
    );
  }
  return readHook(answer.body, updating);
}
