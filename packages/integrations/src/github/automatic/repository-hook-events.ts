import { IntegrationError, type ParameterValue } from '@tripline/sdk';
import { GITHUB_EVENT_NAMES, type GitHubEventName } from '../event-names.js';

/**
 * Events GitHub sends only to GitHub Apps, organizations (Projects v2 items, for one), Marketplace listings or sponsored
 * accounts (each event's "Availability" in GitHub's "Webhook events and payloads"), plus `ping`,
 * which every webhook receives without asking. A repository webhook cannot subscribe to them.
 */
const NOT_FOR_REPOSITORY_HOOKS: ReadonlySet<GitHubEventName> = new Set<GitHubEventName>([
  'custom_property',
  'deployment_protection_rule',
  'github_app_authorization',
  'installation',
  'installation_repositories',
  'installation_target',
  'marketplace_purchase',
  'membership',
  'org_block',
  'projects_v2_item',
  'organization',
  'ping',
  'repository_dispatch',
  'security_advisory',
  'sponsorship',
  'team',
  'workflow_dispatch',
]);

/** The events a repository webhook can subscribe to, in catalog order. */
export const REPOSITORY_HOOK_EVENTS: readonly GitHubEventName[] = GITHUB_EVENT_NAMES.filter(
  (name) => !NOT_FOR_REPOSITORY_HOOKS.has(name),
);

/**
 * Reads the `events` parameter into the list the webhook is created with: in the order given,
 * without repeats, and refused in words when it names an event a repository webhook cannot carry
 * (GitHub would answer 422).
 */
export function repositoryHookEvents(value: ParameterValue | undefined): GitHubEventName[] {
  const given = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const wanted = new Set(given.map((name) => name.trim()).filter((name) => name !== ''));
  if (wanted.size === 0) {
    throw new IntegrationError(
      'events must name at least one event, e.g. ["push", "pull_request"]',
      'invalid_events',
    );
  }
  const events = [...wanted].filter(isRepositoryHookEvent);
  const refused = [...wanted].filter((name) => !isRepositoryHookEvent(name));
  if (refused.length > 0) {
    throw new IntegrationError(
      `a repository webhook cannot receive ${refused.join(', ')}: GitHub sends ${refused.length > 1 ? 'these' : 'it'} ` +
        'only to GitHub Apps, organizations or sponsors (ping comes to every webhook unasked). ' +
        `Pick from: ${REPOSITORY_HOOK_EVENTS.join(', ')}`,
      'invalid_events',
    );
  }
  return events;
}

function isRepositoryHookEvent(name: string): name is GitHubEventName {
  return (REPOSITORY_HOOK_EVENTS as readonly string[]).includes(name);
}
