import { MASKED_SECRET } from '@tripline/sdk';
import { type ContractFixture, describeIntegrationContract } from '@tripline/sdk/testing';
import { describe, expect, it } from 'vitest';
import { builtInIntegrations } from '../index.js';
import { REPOSITORY_HOOK_EVENTS } from './automatic/repository-hook-events.js';
import { GITHUB_EVENT_ACTIONS } from './event-actions.generated.js';
import { GITHUB_EVENT_NAMES } from './event-names.js';
import { EXAMPLES, formBody, githubDelivery, SECRET } from './examples.test-helpers.js';
import { github } from './github-integration.js';

function example(event: string, action?: string): Record<string, unknown> {
  const payload = EXAMPLES.find((group) => group.name === event)?.examples.find(
    (candidate) => action === undefined || candidate.action === action,
  );
  if (!payload) throw new Error(`no ${event} ${action ?? ''} example`);
  return payload;
}

describe('github integration', () => {
  it('is the built-in integration with id github', () => {
    expect(builtInIntegrations).toContain(github);
    expect(github.id).toBe('github');
    expect(github.icon).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(github.icon.slice('data:image/svg+xml,'.length))).toMatch(/^<svg .*<\/svg>$/);
  });

  it('declares every event the examples carry, named as X-GitHub-Event names them', () => {
    expect(github.events.size).toBeGreaterThanOrEqual(58);
    expect([...github.events.keys()]).toEqual(GITHUB_EVENT_NAMES);
    for (const name of [
      'push',
      'pull_request',
      'issues',
      'ping',
      'workflow_run',
      ...EXAMPLES.map((g) => g.name),
    ]) {
      expect(github.events.has(name as never), name).toBe(true);
    }
  });

  it.each(GITHUB_EVENT_NAMES)('offers the actions of %s as its actions filter', (name) => {
    const event = github.events.get(name);
    const actions = GITHUB_EVENT_ACTIONS[name];
    const parameter = event?.parameters.find((candidate) => candidate.name === 'actions');
    if (actions === 'free-form') expect(parameter?.type).toBe('string-list');
    else if (actions.length === 0) expect(parameter).toBeUndefined();
    else {
      expect(parameter?.type).toBe('multi-select');
      expect(parameter?.options?.map((option) => option.value)).toEqual(actions);
    }
    if (event && event.parameters.length > 0) expect(event.filter).toBeTypeOf('function');
  });

  it('subscribes manually, with a personal access token or through OAuth', () => {
    const spec = github.subscription;
    expect(spec.methods).toEqual(['manual', 'api-key', 'oauth']);
    expect(spec.properties).toEqual([expect.objectContaining({ name: 'webhook_secret', type: 'secret' })]);
    expect(spec.properties[0]?.description).toContain('"Secret"');
    for (const hook of [
      'validateCredentials',
      'parameterOptions',
      'subscribe',
      'unsubscribe',
      'inspectWebhook',
    ] as const) {
      expect(github[hook], hook).toBeTypeOf('function');
    }
    expect(github.refresh).toBeUndefined();
  });

  it('asks automatic subscriptions for a repository picked from a list and events, all picked at first', () => {
    const [repository, events] = github.subscription.constructorParameters;
    expect(repository).toMatchObject({ name: 'repository', type: 'dynamic-select', required: true });
    expect(events).toMatchObject({ name: 'events', type: 'multi-select', required: true });
    const offered = events?.options?.map((option) => option.value);
    expect(offered).toEqual(REPOSITORY_HOOK_EVENTS);
    expect(events?.default).toEqual(offered);
    expect(offered).toEqual(
      expect.arrayContaining(['push', 'pull_request', 'issues', 'workflow_run', 'release']),
    );
    for (const appOnly of ['ping', 'installation', 'github_app_authorization', 'marketplace_purchase']) {
      expect(offered, appOnly).not.toContain(appOnly);
    }
  });

  it('takes a personal access token, naming the scopes it needs', () => {
    const [token, ...others] = github.subscription.credentials;
    expect(others).toEqual([]);
    expect(token).toMatchObject({
      name: 'access_token',
      type: 'secret',
      required: true,
      label: 'Personal access token',
    });
    for (const words of ['admin:repo_hook', 'repo', 'public_repo', 'Webhooks', 'Metadata']) {
      expect(token?.description).toContain(words);
    }
  });

  it('declares OAuth with PKCE, the webhook scopes and a client id and secret', () => {
    expect(github.subscription.oauth).toEqual({
      scopes: ['admin:repo_hook', 'repo'],
      pkce: true,
      clientParameters: [
        expect.objectContaining({ name: 'client_id', type: 'string', required: true }),
        expect.objectContaining({ name: 'client_secret', type: 'secret', required: true }),
      ],
    });
    expect(github.oauth?.refreshCredentials).toBeTypeOf('function');
  });

  it('reads its API and web URLs from the environment settings', () => {
    expect(github.settings).toEqual([
      expect.objectContaining({
        name: 'apiUrl',
        env: 'TRIPLINE_GITHUB_API_URL',
        default: 'https://api.github.com',
      }),
      expect.objectContaining({
        name: 'webUrl',
        env: 'TRIPLINE_GITHUB_WEB_URL',
        default: 'https://github.com',
      }),
    ]);
  });

  it('generates a webhook secret only when none is given', () => {
    const prepare = github.prepareManualProperties;
    if (!prepare) throw new Error('prepareManualProperties is missing');
    const randomSecret = () => 'generated-secret';
    expect(prepare({ properties: {}, randomSecret })).toEqual({ webhook_secret: 'generated-secret' });
    expect(prepare({ properties: { webhook_secret: ' ' }, randomSecret })).toEqual({
      webhook_secret: 'generated-secret',
    });
    expect(prepare({ properties: { webhook_secret: 'mine' }, randomSecret })).toEqual({
      webhook_secret: 'mine',
    });
    expect(prepare({ properties: { webhook_secret: MASKED_SECRET, note: 'x' }, randomSecret })).toEqual({
      webhook_secret: MASKED_SECRET,
      note: 'x',
    });
  });
});

const properties = { webhook_secret: SECRET };
const fixture = (name: string, event: string, payload: Record<string, unknown>): ContractFixture => ({
  name,
  request: githubDelivery({ event, body: JSON.stringify(payload) }),
  properties,
  expectedEvents:
    event === 'ping'
      ? []
      : [{ name: event, ...(typeof payload.action === 'string' ? { action: payload.action } : {}) }],
});

describeIntegrationContract(
  github,
  [
    fixture('push', 'push', example('push')),
    fixture('pull_request opened', 'pull_request', example('pull_request', 'opened')),
    fixture('issues labeled', 'issues', example('issues', 'labeled')),
    fixture('workflow_run completed', 'workflow_run', example('workflow_run', 'completed')),
    fixture('ping', 'ping', example('ping')),
    {
      name: 'issue_comment as a form',
      request: githubDelivery({
        event: 'issue_comment',
        body: formBody(example('issue_comment', 'created')),
        contentType: 'application/x-www-form-urlencoded',
      }),
      properties,
      expectedEvents: [{ name: 'issue_comment', action: 'created' }],
    },
  ],
  { describe, it, expect },
);
