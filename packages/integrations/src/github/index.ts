export type {
  GitHubEventActions,
  GitHubEventName,
  GitHubWebhookEventName,
  UnlistedGitHubEventName,
} from './event-names.js';
export { GITHUB_EVENT_NAMES, githubEventActions, isGitHubEventName } from './event-names.js';
export { github } from './github-integration.js';
export { GITHUB_DELIVERY_HEADER, GITHUB_EVENT_HEADER } from './parse-request.js';
