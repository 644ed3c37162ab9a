import { defineIntegration } from '@tripline/sdk';
import { githubOAuth } from './automatic/github-oauth.js';
import { inspectGitHubHook } from './automatic/inspect-hook.js';
import { githubParameterOptions } from './automatic/repository-options.js';
import { subscribeGitHubHook } from './automatic/subscribe-hook.js';
import { unsubscribeGitHubHook } from './automatic/unsubscribe-hook.js';
import { validateGitHubToken } from './automatic/validate-token.js';
import { githubEventDefinitions } from './github-events.js';
import { GITHUB_ICON } from './github-icon.js';
import { parseGitHubRequest } from './parse-request.js';
import { githubSettings, githubSubscription, prepareGitHubManualProperties } from './subscription-spec.js';
import { verifyGitHubRequest } from './verify-request.js';

/**
 * GitHub repository, organization and App webhooks: every event GitHub sends, verified with
 * `X-Hub-Signature-256`. Subscriptions are manual (the user pastes the endpoint URL and the webhook
 * secret into GitHub) or automatic: with a personal access token or through OAuth, the repository
 * webhook is created, checked and deleted through GitHub's REST API. Repository webhooks don't
 * lapse, so there is no `refresh`.
 */
export const github = defineIntegration({
  id: 'github',
  name: 'GitHub',
  description:
    'Start workflows from GitHub webhooks: pushes, pull requests, issues, releases, Actions runs and every other event GitHub sends.',
  icon: GITHUB_ICON,
  settings: githubSettings,
  subscription: githubSubscription,
  events: githubEventDefinitions(),
  verify: verifyGitHubRequest,
  parse: parseGitHubRequest,
  prepareManualProperties: prepareGitHubManualProperties,
  validateCredentials: validateGitHubToken,
  parameterOptions: githubParameterOptions,
  subscribe: subscribeGitHubHook,
  unsubscribe: unsubscribeGitHubHook,
  inspectWebhook: inspectGitHubHook,
  oauth: githubOAuth,
});
