import type {
  IntegrationSetting,
  OAuthSpec,
  ParameterDefinition,
  ParameterValues,
  SubscriptionSpec,
} from '@tripline/sdk';
import { GITHUB_OAUTH_SCOPES } from './automatic/github-oauth.js';
import { REPOSITORY_HOOK_EVENTS } from './automatic/repository-hook-events.js';
import { GITHUB_EVENT_TEXTS } from './event-texts.js';
import { WEBHOOK_SECRET } from './verify-request.js';

const webhookSecret: ParameterDefinition = {
  name: WEBHOOK_SECRET,
  label: 'Webhook secret',
  type: 'secret',
  description:
    'Paste this into the "Secret" field of the webhook in GitHub. Leave it empty to have a strong one generated. Deliveries not signed with it are refused.',
};

/**
 * What an automatic subscription asks for before it creates the webhook in GitHub: a repository
 * the token can administer (listed by `parameterOptions`) and the events to send, all of them
 * picked at first.
 */
const constructorParameters: readonly ParameterDefinition[] = [
  {
    name: 'repository',
    label: 'Repository',
    type: 'dynamic-select',
    required: true,
    description:
      'The repository to receive events from, as `owner/name`. Only repositories you administer are listed: adding a webhook needs admin rights.',
    placeholder: 'octocat/hello-world',
  },
  {
    name: 'events',
    label: 'Events',
    type: 'multi-select',
    required: true,
    description:
      'The events GitHub sends. Picking many costs little: a trigger runs only for the event it is set to.',
    options: REPOSITORY_HOOK_EVENTS.map((name) => ({ value: name, label: GITHUB_EVENT_TEXTS[name].label })),
    default: REPOSITORY_HOOK_EVENTS,
  },
];

/** The `api-key` method's credential: a token that may manage the repository's webhooks. */
const credentials: readonly ParameterDefinition[] = [
  {
    name: 'access_token',
    label: 'Personal access token',
    type: 'secret',
    required: true,
    description:
      'A classic token with the admin:repo_hook and repo scopes (public_repo is enough for public repositories), ' +
      'or a fine-grained token with the repository permissions Webhooks: read and write and Metadata: read. ' +
      'You need admin rights on the repository.',
  },
];

const oauth: OAuthSpec = {
  scopes: GITHUB_OAUTH_SCOPES,
  pkce: true,
  clientParameters: [
    {
      name: 'client_id',
      label: 'Client ID',
      type: 'string',
      required: true,
      description:
        'The Client ID of the OAuth app (or GitHub App) registered in GitHub with the redirect URI shown here.',
    },
    {
      name: 'client_secret',
      label: 'Client secret',
      type: 'secret',
      required: true,
      description: 'A client secret generated on the same app page.',
    },
  ],
};

export const githubSubscription: Omit<SubscriptionSpec, 'oauth'> & { readonly oauth: OAuthSpec } = {
  methods: ['manual', 'api-key', 'oauth'],
  properties: [webhookSecret],
  constructorParameters,
  credentials,
  oauth,
};

export const githubSettings: readonly IntegrationSetting[] = [
  {
    name: 'apiUrl',
    env: 'TRIPLINE_GITHUB_API_URL',
    default: 'https://api.github.com',
    description: "GitHub's REST API, or a GitHub Enterprise Server's (`https://HOST/api/v3`).",
  },
  {
    name: 'webUrl',
    env: 'TRIPLINE_GITHUB_WEB_URL',
    default: 'https://github.com',
    description: "GitHub's web pages, where OAuth authorization happens.",
  },
];

/** A manual subscription always has a secret: the user's, or a generated one to paste into GitHub. */
export function prepareGitHubManualProperties(input: {
  readonly properties: ParameterValues;
  readonly randomSecret: () => string;
}): ParameterValues {
  const given = input.properties[WEBHOOK_SECRET];
  if (typeof given === 'string' && given.trim() !== '') return input.properties;
  return { ...input.properties, [WEBHOOK_SECRET]: input.randomSecret() };
}
