export { GITHUB_OAUTH_SCOPES } from './automatic/github-oauth.js';
export { HOOK_ID, HOOK_REPOSITORY, HOOK_SETTINGS_URL } from './automatic/hook-properties.js';
export { REPOSITORY_HOOK_EVENTS } from './automatic/repository-hook-events.js';
export type {
  GitHubEventActions,
  GitHubEventName,
  GitHubWebhookEventName,
  UnlistedGitHubEventName,
} from './event-names.js';
export { GITHUB_EVENT_NAMES, githubEventActions, isGitHubEventName } from './event-names.js';
export { github } from './github-integration.js';
export { GITHUB_DELIVERY_HEADER, GITHUB_EVENT_HEADER } from './parse-request.js';
