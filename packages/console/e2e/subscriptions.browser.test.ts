import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeConsole,
  goTo,
  OWNER_TOKEN,
  openConsole,
  type Page,
  screenshot,
  startConsoleServer,
  type TestServer,
} from './browser.test-helpers.js';
import { createManualGitHubSubscription, deliverGitHubEvent } from './github-subscription.test-helpers.js';

/** An `issues.opened` delivery as GitHub would send it. */
const ISSUE_OPENED = {
  action: 'opened',
  issue: { number: 7, title: 'The build is red', user: { login: 'octocat' } },
  repository: { full_name: 'octocat/hello' },
  sender: { login: 'octocat' },
};

async function pageText(page: Page): Promise<string> {
  return (await page.locator('body').textContent()) ?? '';
}

describe('manual subscriptions in the console', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startConsoleServer();
  });
  afterAll(closeConsole);

  it('create by pasting the URL, watch a delivery arrive live, build, read and replay its log, delete', async () => {
    const page = await openConsole(server);

    // The catalog.
    const githubCard = page.getByRole('link', { name: 'GitHub' });
    await githubCard.waitFor();
    expect(await githubCard.textContent()).toMatch(/\d+ events/);
    expect(await githubCard.textContent()).toContain('Manual (paste URL)');
    await screenshot(page, 'integrations');

    // The integration: no subscriptions yet, its events with their filters.
    await githubCard.click();
    await page.getByRole('heading', { name: 'GitHub', level: 1 }).waitFor();
    await page.getByText('No subscriptions yet').waitFor();
    const events = page.getByRole('table', { name: 'Events' });
    await events
      .getByRole('row', { name: /pull_request/ })
      .first()
      .waitFor();
    await events.getByText('Actions').first().waitFor();
    await screenshot(page, 'integration-github');

    // Paste URL: the callback URL and the generated secret, shown once.
    await page.getByRole('button', { name: 'Paste URL to create a new subscription' }).click();
    const callback = page.getByLabel('Callback URL', { exact: true });
    await callback.waitFor();
    const callbackUrl = await callback.inputValue();
    expect(callbackUrl.startsWith(`${server.url}/triggers/plugin/`)).toBe(true);
    const secret = await page.getByLabel('Webhook secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^[0-9a-f]{32,}$/);
    const livePanel = page.getByRole('region', { name: 'Request Logs' });
    await livePanel.getByText('No requests yet').waitFor();
    await screenshot(page, 'manual-setup');

    // A signed delivery shows in the live panel without reloading the page.
    await page.evaluate('window.__sameDocument = true');
    const delivered = await deliverGitHubEvent(callbackUrl, {
      event: 'issues',
      deliveryId: 'delivery-1',
      secret,
      payload: ISSUE_OPENED,
    });
    expect(delivered.response.status).toBe(200);
    const liveRow = livePanel.getByRole('row', { name: /accepted/ });
    await liveRow.waitFor();
    expect(await liveRow.textContent()).toContain('issues.opened');
    expect(await liveRow.textContent()).toContain('POST');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await screenshot(page, 'manual-setup-request-logs');

    // After a reload the secret is masked: it was shown in the one answer that created it.
    await page.reload();
    await page.getByLabel('Callback URL', { exact: true }).waitFor();
    await page.getByText('********').waitFor();
    expect(await pageText(page)).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);

    // Create.
    await page.getByLabel('Subscription name').fill('Repository events');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const row = page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: /Repository events/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
    expect(await row.textContent()).toContain(callbackUrl);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'integration-github-subscriptions');

    // Its request logs: the delivery from the setup is there; open it and replay it.
    await row.getByRole('link', { name: 'Request logs' }).click();
    await page.getByRole('heading', { name: 'Request logs: Repository events' }).waitFor();
    const logs = page.getByRole('table', { name: 'Request logs' });
    const logRow = logs.getByRole('row', { name: /accepted/ }).first();
    await logRow.waitFor();
    await logRow.click();
    const headers = page.getByRole('table', { name: 'Request headers' });
    await headers.waitFor();
    expect(await headers.textContent()).toContain('x-github-delivery');
    expect(await headers.textContent()).toContain('x-hub-signature-256');
    // The server redacts the signature before the log is stored.
    expect(await page.content()).not.toContain(delivered.signature.slice('sha256='.length));
    const body = await page.getByRole('figure', { name: 'Request body' }).textContent();
    expect(body).toContain('"action": "opened"');
    expect(body).toContain('\n  "issue": {');
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'subscription-request-logs');

    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByRole('status').filter({ hasText: 'Replayed' }).waitFor();
    await logs.getByRole('row', { name: /replay/ }).waitFor();
    expect(await logs.locator('tr.log-row').count()).toBe(2);
    await screenshot(page, 'subscription-request-logs-replayed');

    // The outcome filter asks the server for that outcome only.
    await page.getByLabel('Outcome').selectOption('unauthorized');
    await page.getByText('No unauthorized requests').waitFor();

    // Delete.
    await goTo(page, '/integrations/github');
    const toDelete = page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: /Repository events/ });
    await toDelete.getByRole('button', { name: 'Delete' }).click();
    await toDelete.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('No subscriptions yet').waitFor();
    const left = await server.api('GET', '/api/v1/integrations/github/subscriptions');
    expect(left.json.items).toEqual([]);
    await page.context().close();
  });

  it('disables creating at the limit and says why', async () => {
    const workspace = await server.api('POST', '/api/v1/workspaces', { body: { name: 'Full' } });
    expect(workspace.status).toBe(201);
    const token = String(workspace.json.token);
    for (let index = 0; index < 10; index += 1) {
      await createManualGitHubSubscription(server, { token, name: `hook ${index}` });
    }
    const page = await openConsole(server, token);
    await goTo(page, '/integrations/github');
    await page.getByText('10 of 10 subscriptions: delete one to add another').waitFor();
    for (const name of [
      'Paste URL to create a new subscription',
      'Create with API Key',
      'Create with OAuth',
    ]) {
      expect(await page.getByRole('button', { name }).isDisabled(), name).toBe(true);
    }
    expect(await page.getByRole('table', { name: 'Subscriptions' }).locator('tbody tr').count()).toBe(10);
    await screenshot(page, 'integration-github-limit');
    // The owner's own workspace is untouched by the other one.
    expect(
      (await server.api('GET', '/api/v1/integrations/github/subscriptions', { token: OWNER_TOKEN })).json
        .items,
    ).toEqual([]);
    await page.context().close();
  });
});
