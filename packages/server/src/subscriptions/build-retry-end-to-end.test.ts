import type { FakeGitHub } from '@tripline/integrations/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyBuilder,
  type GitHubTestBed,
  startServerWithFakeGitHub,
} from '../github-end-to-end.test-helpers.js';
import type { TestServer } from '../test-server.test-helpers.js';

describe('GitHub builds that are retried or sent twice', () => {
  let github: FakeGitHub;
  let server: TestServer;
  let token: string;

  let bed: GitHubTestBed | undefined;

  function builder(repository: string): Promise<{ id: string; endpoint: string }> {
    return apiKeyBuilder(server, { repository, token, events: ['push'] });
  }

  /** A push from GitHub, signed with the secret GitHub holds; answers whether it was accepted. */
  async function pushAccepted(fullName: string, id: string): Promise<boolean> {
    const delivery = await github.deliver({
      fullName,
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: fullName }, commits: [] },
    });
    const logs = await server.api('GET', `/api/v1/subscriptions/${id}/logs`);
    const log = logs.json.items.find(
      (item: { deliveryId: string }) => item.deliveryId === delivery.deliveryId,
    );
    return [200, 202].includes(delivery.status) && log?.outcome === 'accepted';
  }

  beforeAll(async () => {
    bed = await startServerWithFakeGitHub((fake) => {
      ({ token } = fake.addUser({ login: 'octocat' }));
      fake.addRepository({ fullName: 'octocat/crash', login: 'octocat' });
      fake.addRepository({ fullName: 'octocat/twice', login: 'octocat' });
    });
    ({ github, server } = bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('a build retried after dying between creating the webhook and storing it adopts that webhook', async () => {
    const { id, endpoint } = await builder('octocat/crash');
    // The first attempt created the webhook with a secret nobody stored, then the process died.
    const orphan = await fetch(`${github.apiUrl}/repos/octocat/crash/hooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'web',
        active: true,
        events: ['push'],
        config: { url: endpoint, content_type: 'json', secret: 'lost-with-the-process' },
      }),
    });
    expect(orphan.status).toBe(201);
    await github.idle();

    const built = await server.api('POST', `/api/v1/subscription-builders/${id}/build`);
    expect(built.status).toBe(201);
    const hooks = github.hooks('octocat/crash');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.secret).not.toBe('lost-with-the-process');
    expect(built.json.properties.hook_id).toBe(String(hooks[0]?.id));
    expect(await pushAccepted('octocat/crash', id)).toBe(true);
  });

  it('two builds sent at once make one webhook whose deliveries are accepted', async () => {
    const { id } = await builder('octocat/twice');
    const [first, second] = await Promise.all([
      server.api('POST', `/api/v1/subscription-builders/${id}/build`),
      server.api('POST', `/api/v1/subscription-builders/${id}/build`),
    ]);
    expect([first?.status, second?.status].sort()).toEqual([201, 404]);
    const lost = first?.status === 404 ? first : second;
    expect(lost?.json.error.message).toContain(`GET /api/v1/subscriptions/${id}`);
    expect(github.hooks('octocat/twice')).toHaveLength(1);
    await github.idle();
    expect(await pushAccepted('octocat/twice', id)).toBe(true);
  });
});
