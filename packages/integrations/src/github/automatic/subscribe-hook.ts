import { randomBytes } from 'node:crypto';
import type { SubscribeInput, SubscribeResult } from '@tripline/sdk';
import { adoptExistingHook, isHookExistsAnswer } from './adopt-hook.js';
import { accessToken, createGitHubApi } from './github-api.js';
import { githubApiError } from './github-api-errors.js';
import { type GitHubHook, type HookRequest, readHook } from './github-hook.js';
import { githubUrls } from './github-urls.js';
import { hookProperties } from './hook-properties.js';
import { repositoryHookEvents } from './repository-hook-events.js';
import { hooksPath, parseRepositoryName } from './repository-name.js';

/**
 * Creates the repository webhook that delivers to the subscription's endpoint, signed with a fresh
 * secret of its own. When GitHub answers that a webhook for this URL already exists (a retry after
 * a lost answer, or the self-healing check subscribing again), that webhook is ours, since the URL
 * holds an unguessable id: it is adopted and corrected instead of failing.
 */
export async function subscribeGitHubHook(input: SubscribeInput): Promise<SubscribeResult> {
  const repository = parseRepositoryName(input.parameters.repository);
  const events = repositoryHookEvents(input.parameters.events);
  const api = createGitHubApi(input.context, accessToken(input.credentials));
  const { webUrl } = githubUrls(input.context);
  const secret = randomBytes(32).toString('hex');
  const request: HookRequest = {
    name: 'web',
    active: true,
    events,
    config: { url: input.endpointUrl, content_type: 'json', insecure_ssl: '0', secret },
  };
  const call = { doing: `creating the webhook on ${repository.fullName}`, repository: repository.fullName };
  const answer = await api.request('POST', hooksPath(repository), { body: request, accept: [422], call });
  let hook: GitHubHook;
  if (answer.status !== 422) hook = readHook(answer.body, call.doing);
  else if (isHookExistsAnswer(answer.body))
    hook = await adoptExistingHook({ api, repository, request, webUrl });
  else throw githubApiError(answer, call);
  input.context.logger.info({ repository: repository.fullName, hookId: hook.id }, 'GitHub webhook ready');
  return { properties: hookProperties({ webUrl, repository, hookId: hook.id, secret }) };
}
