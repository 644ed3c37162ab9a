import { type FakeGitHub, startFakeGitHub } from '@tripline/integrations/testing';
import { expect } from 'vitest';
import { freePort } from './free-port.test-helpers.js';
import { startTestServer, type TestServer } from './test-server.test-helpers.js';

/** A fake GitHub and a server whose GitHub integration talks to it. */
export interface GitHubTestBed {
  readonly github: FakeGitHub;
  readonly server: TestServer;
  /** The server's TRIGGER_URL, local, so webhooks GitHub creates reach it. */
  readonly triggerUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a fake GitHub, lets `prepare` add its users, repositories and OAuth apps (knowing the
 * server's trigger URL, for callback URLs), then starts the server pointed at it, with local
 * callbacks allowed.
 */
export async function startServerWithFakeGitHub(
  prepare: (github: FakeGitHub, triggerUrl: string) => void,
): Promise<GitHubTestBed> {
  const github = await startFakeGitHub();
  try {
    const port = await freePort();
    const triggerUrl = `http://127.0.0.1:${port}`;
    prepare(github, triggerUrl);
    const server = await startTestServer({
      PORT: String(port),
      TRIGGER_URL: triggerUrl,
      TRIPLINE_ALLOW_LOCAL_CALLBACKS: '1',
      TRIPLINE_GITHUB_API_URL: github.apiUrl,
      TRIPLINE_GITHUB_WEB_URL: github.webUrl,
    });
    return {
      github,
      server,
      triggerUrl,
      async close() {
        await server.stop();
        await github.close();
      },
    };
  } catch (error) {
    await github.close();
    throw error;
  }
}

/** An api-key GitHub builder for `repository` with the token, as the console sets one up. */
export async function apiKeyBuilder(
  server: TestServer,
  input: { readonly repository: string; readonly token: string; readonly events: readonly string[] },
): Promise<{ id: string; endpoint: string }> {
  const created = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
    body: { method: 'api-key' },
  });
  expect(created.status).toBe(201);
  const patched = await server.api('PATCH', `/api/v1/subscription-builders/${created.json.id}`, {
    body: {
      parameters: { repository: input.repository, events: input.events },
      credentials: { access_token: input.token },
    },
  });
  expect(patched.status).toBe(200);
  return { id: created.json.id, endpoint: created.json.endpoint };
}
