import { GITHUB_EVENT_ACTIONS } from './event-actions.generated.js';

/** An `X-GitHub-Event` name this integration describes. */
export type GitHubEventName = keyof typeof GITHUB_EVENT_ACTIONS;

/**
 * A name GitHub sent that the catalog does not list yet. Such deliveries are accepted and stored
 * (refusing them would mark them failed in GitHub for anyone who chose "Send me everything"), and
 * no trigger listens to them.
 */
export type UnlistedGitHubEventName = string & { readonly unlistedGitHubEvent: true };

export type GitHubWebhookEventName = GitHubEventName | UnlistedGitHubEventName;

/** The actions an event carries: a fixed list, or names its sender picks (`repository_dispatch`). */
export type GitHubEventActions = readonly string[] | 'free-form';

export const GITHUB_EVENT_NAMES = Object.keys(GITHUB_EVENT_ACTIONS) as readonly GitHubEventName[];

export function isGitHubEventName(name: string): name is GitHubEventName {
  return Object.hasOwn(GITHUB_EVENT_ACTIONS, name);
}

export function githubEventActions(name: GitHubEventName): GitHubEventActions {
  return GITHUB_EVENT_ACTIONS[name];
}
