import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeConsole,
  consoleUrl,
  launchBrowser,
  openConsole,
  startConsoleServer,
  type TestServer,
} from './browser.test-helpers.js';

describe('console sign-in', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startConsoleServer();
  });
  afterAll(closeConsole);

  it('refuses an unknown token in the server words', async () => {
    const page = await (await launchBrowser()).newPage();
    try {
      await page.goto(consoleUrl(server, '/'));
      await page.locator('input[name="token"]').fill('tl_not-a-real-token-000000000000');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/token/i);
    } finally {
      await page.context().close();
    }
  });

  it('signs the owner in and opens the integrations', async () => {
    const page = await openConsole(server);
    try {
      await page.waitForURL(/#\/integrations$/);
      await page.getByRole('heading', { name: 'Integrations' }).waitFor();
      await page
        .getByRole('link', { name: /GitHub/ })
        .first()
        .waitFor();
      expect(await page.getByRole('combobox', { name: 'Workspace' }).inputValue()).not.toBe('');
    } finally {
      await page.context().close();
    }
  });
});
