import type { Integration } from '@tripline/sdk';
import { github } from './github/index.js';

export type {
  GitHubEventActions,
  GitHubEventName,
  GitHubWebhookEventName,
  UnlistedGitHubEventName,
} from './github/index.js';
export { GITHUB_EVENT_NAMES, github, githubEventActions, isGitHubEventName } from './github/index.js';

/** Every integration Tripline ships, in the order the console lists them. */
export const builtInIntegrations: readonly Integration[] = [github];
