import { type FakeGitHub, startFakeGitHub } from '@tripline/integrations/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeConsole,
  goTo,
  openConsole,
  type Page,
  screenshot,
  screenshotOnFailure,
  startConsoleServer,
  type TestServer,
} from './browser.test-helpers.js';

const CLIENT_ID = 'Iv1.console-test';
const CLIENT_SECRET = 'console-test-client-secret';

describe('automatic GitHub subscriptions in the console (against a fake GitHub)', () => {
  let github: FakeGitHub;
  let server: TestServer;
  let token: string;
  let page: Page;

  beforeAll(async () => {
    github = await startFakeGitHub();
    token = github.addUser({ login: 'octocat' }).token;
    github.addRepository({ fullName: 'octocat/hello', login: 'octocat' });
    github.addRepository({ fullName: 'octocat/world', login: 'octocat' });
    github.addRepository({ fullName: 'someone/readonly', login: 'octocat', admin: false });
    server = await startConsoleServer({
      TRIPLINE_GITHUB_API_URL: github.apiUrl,
      TRIPLINE_GITHUB_WEB_URL: github.webUrl,
      TRIPLINE_ALLOW_LOCAL_CALLBACKS: '1',
    });
    github.registerOAuthApp({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      callbackUrl: `${server.url}/oauth/callback`,
    });
    page = await openConsole(server);
  });
  screenshotOnFailure(() => page);
  afterAll(async () => {
    await closeConsole();
    await github?.close();
  });

  it('API key: a refused token says why; a good one lists the repositories; Create makes the webhook', async () => {
    await goTo(page, '/integrations/github');
    await page.getByRole('button', { name: 'Create with API Key' }).click();
    const tokenField = page.getByLabel('Personal access token');
    await tokenField.fill('ghp_not-a-token');
    await page.getByRole('button', { name: 'Verify' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/credentials|token/i);
    await screenshot(page, 'api-key-refused');

    await tokenField.fill(token);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('accepted the credentials').waitFor();
    expect(await page.content()).not.toContain(token);

    // Only repositories the token's user administers are offered.
    const repositories = page.getByRole('radiogroup', { name: 'Repository choices' });
    await repositories.getByRole('radio', { name: 'octocat/hello' }).waitFor();
    expect(await repositories.getByRole('radio').count()).toBe(2);
    await page.getByLabel('Search repository').fill('hel');
    expect(await repositories.getByRole('radio').count()).toBe(1);
    await repositories.getByRole('radio', { name: 'octocat/hello' }).check();
    // Every event is picked at first.
    const events = page.getByRole('group', { name: 'Events' });
    const counter = await events.getByText(/\d+ of \d+ selected/).textContent();
    const [picked, offered] = (counter ?? '').match(/\d+/g) ?? [];
    await page.getByLabel('Subscription name').fill('Hello by token');
    await screenshot(page, 'api-key-parameters');
    expect(picked, String(counter)).toBe(offered);
    await events.getByRole('button', { name: 'None' }).click();
    await events.getByRole('checkbox', { name: 'Push push', exact: true }).check();
    await events.getByRole('checkbox', { name: 'Issues issues', exact: true }).check();
    expect(await events.getByText(/\d+ of \d+ selected/).textContent()).toMatch(/^2 of /);
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    const row = page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: /Hello by token/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('API key');
    expect(await row.textContent()).toContain('repository: octocat/hello');
    const hooks = github.hooks('octocat/hello');
    expect(hooks).toHaveLength(1);
    expect(await row.textContent()).toContain(hooks[0]?.url ?? 'no hook');
  });

  it('edits an automatic subscription: renames it and changes its events', async () => {
    const row = page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: /Hello by token/ });
    await row.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Hello by token' });
    await dialog.getByLabel('Name').fill('Hello pushes');
    await dialog.getByRole('button', { name: 'None' }).click();
    await dialog.getByLabel('Filter events').fill('push');
    await dialog.getByRole('checkbox', { name: 'Push push', exact: true }).check();
    await screenshot(page, 'edit-subscription');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: /Hello pushes/ })
      .waitFor();
    const list = await server.api('GET', '/api/v1/integrations/github/subscriptions');
    expect(list.json.items[0]).toMatchObject({ name: 'Hello pushes', parameters: { events: ['push'] } });
  });

  it('deleting when GitHub fails shows its message and offers to remove it here anyway', async () => {
    github.failNext({ status: 502, method: 'DELETE', pathEndsWith: '', times: 5 });
    const row = page.getByRole('table', { name: 'Subscriptions' }).getByRole('row', { name: /Hello pushes/ });
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Confirm delete' }).click();
    await row.getByRole('alert').waitFor();
    expect(await row.getByRole('alert').textContent()).toContain('external_delete_failed');
    await screenshot(page, 'delete-external-failed');
    await row.getByRole('button', { name: 'Remove here anyway' }).click();
    await page.getByText('No subscriptions yet').waitFor();
  });

  it('OAuth: register the app, authorize at GitHub, come back to the same setup and create', async () => {
    await goTo(page, '/integrations/github');
    await page.getByRole('button', { name: 'Create with OAuth' }).click();
    const redirectUri = page.getByLabel('Redirect URI', { exact: true });
    expect(await redirectUri.inputValue()).toBe(`${server.url}/oauth/callback`);
    await page.getByLabel('Client ID').fill(CLIENT_ID);
    await page.getByLabel('Client secret').fill(CLIENT_SECRET);
    await screenshot(page, 'oauth-client');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText("this workspace's GitHub OAuth app").waitFor();
    expect(await page.content()).not.toContain(CLIENT_SECRET);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Authorize with GitHub' }).click();
    // GitHub's consent page approves at once and sends the browser back through /oauth/callback;
    // the result page confirms the authorization with this session before the setup goes on.
    await page.getByText('connected', { exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/integrations\/github\/builders\//);
    const repositories = page.getByRole('radiogroup', { name: 'Repository choices' });
    await repositories.getByRole('radio', { name: 'octocat/world' }).check();
    const events = page.getByRole('group', { name: 'Events' });
    await events.getByRole('button', { name: 'None' }).click();
    await events.getByRole('checkbox', { name: 'Pull request pull_request', exact: true }).check();
    await page.getByLabel('Subscription name').fill('World by OAuth');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const row = page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: /World by OAuth/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('OAuth');
    expect(github.hooks('octocat/world')).toHaveLength(1);
    await screenshot(page, 'oauth-created');
  });

  it('OAuth: a denied authorization comes back with the reason', async () => {
    const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'oauth' },
    });
    // Connected before: a later builder reuses the saved authorization; this one must ask again.
    const fresh = String(builder.json.id);
    const answer = await server.api('POST', `/api/v1/subscription-builders/${fresh}/oauth/authorize`);
    expect(answer.status).toBe(200);
    github.denyAuthorizations(true);
    await page.goto(String(answer.json.authorizationUrl));
    await page.getByRole('heading', { name: 'Authorization failed' }).waitFor();
    expect(await page.getByRole('alert').textContent()).not.toBe('');
    await screenshot(page, 'oauth-failed');
    await page.getByRole('link', { name: 'Back to the subscription setup to try again' }).click();
    await page.getByRole('heading', { name: 'Create with OAuth' }).waitFor();
    github.denyAuthorizations(false);
  });

  it("OAuth: following someone else's authorization URL saves nothing and says why", async () => {
    // Another workspace's owner starts an authorization and sends its URL to this console's user,
    // who approved the app before: GitHub sends their browser straight back.
    const other = await server.api('POST', '/api/v1/workspaces', { body: { name: 'Elsewhere' } });
    const theirs = String(other.json.token);
    await server.api('PUT', '/api/v1/integrations/github/oauth-client', {
      token: theirs,
      body: { client: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET } },
    });
    const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      token: theirs,
      body: { method: 'oauth' },
    });
    const id = String(builder.json.id);
    const answer = await server.api('POST', `/api/v1/subscription-builders/${id}/oauth/authorize`, {
      token: theirs,
    });
    expect(answer.status).toBe(200);
    await page.goto(String(answer.json.authorizationUrl));
    await page.getByRole('heading', { name: 'Authorization not saved' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(
      'this authorization was started by someone else; start the connection yourself',
    );
    await screenshot(page, 'oauth-refused');
    const after = await server.api('GET', `/api/v1/subscription-builders/${id}`, { token: theirs });
    expect(after.json.credential).toBeNull();
  });
});
