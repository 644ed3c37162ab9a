import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '@tripline/sdk';
import { apiRoute } from './fake-github-api.js';
import { FakeDeliveries } from './fake-github-deliveries.js';
import { FakeFaults } from './fake-github-faults.js';
import { fakeGitHubHandle } from './fake-github-handle.js';
import type { FakeAnswer, FakeRequest } from './fake-github-http.js';
import { FakeOAuth } from './fake-github-oauth.js';
import { FakeGitHubState } from './fake-github-state.js';
import type { FakeGitHub, FakeGitHubOptions, FakeRequestRecord } from './fake-github-types.js';

/** Where the API lives, as on GitHub Enterprise Server: proves the base URL is configurable. */
const API_BASE_PATH = '/api/v3';
/** Query fields that are secrets and never enter the request log. */
const SECRET_FIELDS = ['client_secret', 'code', 'code_verifier', 'refresh_token', 'access_token'];

/**
 * Starts a small, faithful GitHub on 127.0.0.1: the REST API calls automatic subscriptions make
 * (`GET /user`, `GET /user/repos`, repository webhooks), the OAuth web flow, and webhook
 * deliveries signed as GitHub signs them. Tests set it up through the returned handle (users,
 * tokens, repositories, OAuth apps) and look at what happened (webhooks, deliveries, requests).
 *
 * @example
 * const github = await startFakeGitHub();
 * const { token } = github.addUser({ login: 'octocat' });
 * github.addRepository({ fullName: 'octocat/hello', login: 'octocat' });
 * // ... TRIPLINE_GITHUB_API_URL=github.apiUrl, TRIPLINE_GITHUB_WEB_URL=github.webUrl
 * await github.close();
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const clock: Clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const state = new FakeGitHubState(now);
  const faults = new FakeFaults(now);
  const oauth = new FakeOAuth(state, now, options.tokenTtlSeconds ?? 28_800);
  const requests: FakeRequestRecord[] = [];

  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = { apiUrl: `${webUrl}${API_BASE_PATH}`, webUrl };
  const deliveries = new FakeDeliveries(state, urls);

  function route(request: FakeRequest): FakeAnswer {
    const path = request.url.pathname;
    if (path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`)) {
      return apiRoute(request, path.slice(API_BASE_PATH.length) || '/', {
        state,
        urls,
        faults,
        onHookCreated: (repository, hook, login) => {
          if (options.sendPing) deliveries.ping(repository, hook, login);
        },
      });
    }
    if (path === '/login/oauth/authorize' && request.method === 'GET') return oauth.authorize(request);
    if (path === '/login/oauth/access_token' && request.method === 'POST') return oauth.accessToken(request);
    return { status: 404, body: 'Not Found' };
  }

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request: FakeRequest = {
      method: incoming.method ?? 'GET',
      url: new URL(incoming.url ?? '/', webUrl),
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let answer: FakeAnswer;
    try {
      answer = route(request);
    } catch (error) {
      answer = { status: 500, body: { message: `fake GitHub failed: ${String(error)}` } };
    }
    requests.push({
      method: request.method,
      path: request.url.pathname,
      query: redactedQuery(request.url.searchParams),
      status: answer.status,
    });
    write(outgoing, answer);
  }

  return fakeGitHubHandle({
    urls,
    state,
    oauth,
    faults,
    deliveries,
    requests,
    now,
    close: async () => {
      await deliveries.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  });
}

function write(outgoing: ServerResponse, answer: FakeAnswer): void {
  const headers: Record<string, string> = {
    'x-github-request-id': `${Math.random().toString(16).slice(2, 10).toUpperCase()}:FAKE`,
    ...answer.headers,
  };
  let body = '';
  if (typeof answer.body === 'string') {
    body = answer.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  outgoing.writeHead(answer.status, headers);
  outgoing.end(answer.status === 204 ? undefined : body);
}

function redactedQuery(query: URLSearchParams): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, value] of query) shown[key] = SECRET_FIELDS.includes(key) ? '[redacted]' : value;
  return shown;
}
