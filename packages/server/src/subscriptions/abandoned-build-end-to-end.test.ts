import { github as githubIntegration } from '@tripline/integrations';
import { type FakeGitHub, startFakeGitHub } from '@tripline/integrations/testing';
import type { Integration } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { abandonedBuildCleanup } from './abandoned-build-cleanup.js';
import { builderCleanup } from './builder-cleanup.js';
import { BuilderService } from './builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';
import { BUILDER_TTL_MS, type SubscriptionServicesOptions } from './subscription-services-options.js';

/** GitHub's integration in a process that dies as soon as GitHub has created the webhook. */
const diesAfterCreating: Integration = {
  ...githubIntegration,
  subscribe: async (input) => {
    await githubIntegration.subscribe?.(input);
    throw new Error('the process was killed before it stored the subscription');
  },
};

describe('GitHub webhooks of builds that never finished', () => {
  let github: FakeGitHub;
  let token: string;
  let fx: SubscriptionFixture;
  let options: SubscriptionServicesOptions;
  let builders: BuilderService;

  beforeAll(async () => {
    github = await startFakeGitHub();
    ({ token } = github.addUser({ login: 'octocat' }));
    github.addRepository({ fullName: 'octocat/cut-short', login: 'octocat' });
    github.addRepository({ fullName: 'octocat/idle', login: 'octocat' });
  });
  afterAll(async () => {
    await github.close();
  });
  useSubscriptionFixture((opened) => {
    fx = opened;
    options = {
      ...fx.options,
      catalog: new IntegrationCatalog([diesAfterCreating]),
      config: {
        ...fx.options.config,
        env: { TRIPLINE_GITHUB_API_URL: github.apiUrl, TRIPLINE_GITHUB_WEB_URL: github.webUrl },
      },
    };
    builders = new BuilderService(options);
  });

  /** An api-key GitHub builder of alice's for `repository`, as the console sets one up. */
  async function apiKeyBuilder(repository: string): Promise<string> {
    const created = await builders.create(fx.alice, 'github', { method: 'api-key' });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository, events: ['push'] },
      credentials: { access_token: token },
    });
    return created.id;
  }

  /** What runs every few minutes, once the builders have been expired for an hour. */
  async function housekeepingAnHourAfterExpiry(): Promise<void> {
    fx.clock.advance(BUILDER_TTL_MS + 60 * 60 * 1000);
    await builderCleanup({ store: fx.store, clock: fx.clock, logger: options.logger }).runOnce();
    await abandonedBuildCleanup(options).runOnce();
  }

  it('the webhook of a build that died before storing its subscription is deleted once its builder expired', async () => {
    const id = await apiKeyBuilder('octocat/cut-short');
    const endpoint = `${options.config.triggerUrl}/triggers/plugin/${id}`;
    // Someone else's webhook on the same repository, which must stay.
    const theirs = await fetch(`${github.apiUrl}/repos/octocat/cut-short/hooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'web',
        events: ['push'],
        config: { url: 'https://ci.example.test/hook' },
      }),
    });
    expect(theirs.status).toBe(201);

    expect((await failure(builders.build(fx.alice, id))).status).toBe(502);
    expect(github.hooks('octocat/cut-short').map((hook) => hook.url)).toContain(endpoint);
    expect(await fx.store.subscriptions.get(fx.alice.workspaceId, id)).toBeUndefined();

    await housekeepingAnHourAfterExpiry();
    expect(github.hooks('octocat/cut-short').map((hook) => hook.url)).toEqual([
      'https://ci.example.test/hook',
    ]);
    expect(await fx.store.builders.get(fx.alice.workspaceId, id)).toBeUndefined();
  });

  it('a builder that expired without a build is deleted without a call to GitHub', async () => {
    const id = await apiKeyBuilder('octocat/idle');
    github.clearRequests();
    await housekeepingAnHourAfterExpiry();
    expect(await fx.store.builders.get(fx.alice.workspaceId, id)).toBeUndefined();
    expect(github.requests).toEqual([]);
  });
});
