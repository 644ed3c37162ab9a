import type {
  IntegrationSetting,
  ParameterDefinition,
  ParameterValues,
  SubscriptionSpec,
} from '@tripline/sdk';
import { GITHUB_EVENT_NAMES } from './event-names.js';
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
 * What an automatic subscription asks for before it creates the webhook in GitHub. Declared now so
 * the API shows them; the `api-key` and `oauth` methods add their credentials and hooks beside.
 */
const constructorParameters: readonly ParameterDefinition[] = [
  {
    name: 'repository',
    label: 'Repository',
    type: 'string',
    required: true,
    description: 'The repository to receive events from, as `owner/name`.',
    placeholder: 'octocat/hello-world',
  },
  {
    name: 'events',
    label: 'Events',
    type: 'multi-select',
    required: true,
    description:
      'The events GitHub sends. Picking many costs little: a trigger runs only for the event it is set to.',
    options: GITHUB_EVENT_NAMES.map((name) => ({ value: name, label: GITHUB_EVENT_TEXTS[name].label })),
  },
];

export const githubSubscription: Pick<SubscriptionSpec, 'methods' | 'properties' | 'constructorParameters'> =
  {
    methods: ['manual'],
    properties: [webhookSecret],
    constructorParameters,
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
