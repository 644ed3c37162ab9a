import { defineIntegration } from '@tripline/sdk';
import { githubEventDefinitions } from './github-events.js';
import { GITHUB_ICON } from './github-icon.js';
import { parseGitHubRequest } from './parse-request.js';
import { githubSettings, githubSubscription, prepareGitHubManualProperties } from './subscription-spec.js';
import { verifyGitHubRequest } from './verify-request.js';

/**
 * GitHub repository, organization and App webhooks: every event GitHub sends, verified with
 * `X-Hub-Signature-256`. Subscriptions are manual for now: the user pastes the endpoint URL and
 * the webhook secret into GitHub.
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
});
