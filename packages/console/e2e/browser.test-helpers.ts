import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { freePort } from '../../server/src/free-port.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../../server/src/test-server.test-helpers.js';

export { freePort };

/**
 * The browser harness for console tests: one headless Chromium per test file, a real server on
 * 127.0.0.1 serving the built console at `/`, and pages signed in with a token.
 *
 * ```ts
 * const server = await startConsoleServer();
 * const page = await openConsole(server);          // signed in as the owner, at /#/integrations
 * await page.getByRole('link', { name: 'GitHub' }).click();
 * await screenshot(page, 'integration-github');    // test-output/screenshots/integration-github.png
 * // afterAll(closeConsole): the browser closed, the server stopped
 * ```
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The console build the server serves; `npm run build` (or `npm run build:console`) makes it. */
export const CONSOLE_DIST_DIR = path.join(REPO_ROOT, 'packages', 'console', 'dist');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'screenshots');
const CHROMIUM_PATH = '/usr/bin/chromium';
/** How long a locator waits; generous, as test machines may be small and busy. */
export const BROWSER_TIMEOUT_MS = 15_000;

let browser: Browser | undefined;
/** The servers startConsoleServer started in this test file, for closeConsole to stop. */
const servers = new Set<TestServer>();

/** Fails with the command to run when the console has not been built. */
export function assertConsoleBuilt(): void {
  if (!existsSync(path.join(CONSOLE_DIST_DIR, 'index.html'))) {
    throw new Error(
      `the console is not built (${path.join(CONSOLE_DIST_DIR, 'index.html')} is missing): run \`npm run build:console\` (or \`npm run build\`) before the browser tests`,
    );
  }
}

/**
 * A test server (startTestServer) that serves the built console; fails clearly if it is not built.
 * It listens on a port picked beforehand so that TRIGGER_URL, and with it every callback URL the
 * console shows, is the server's real address (`env` may set PORT and TRIGGER_URL itself).
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<TestServer> {
  assertConsoleBuilt();
  const port = env.PORT ?? String(await freePort());
  const server = await startTestServer({ PORT: port, TRIGGER_URL: `http://127.0.0.1:${port}`, ...env });
  servers.add(server);
  return server;
}

/** The test file's headless Chromium, launched on first use. */
export async function launchBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return browser;
}

/** Closes the test file's browser, then stops the servers it started: `afterAll(closeConsole)`. */
export async function closeConsole(): Promise<void> {
  const open = browser;
  browser = undefined;
  await open?.close();
  const started = [...servers];
  servers.clear();
  for (const server of started) await server.stop();
}

/** The console address of a hash route, e.g. `consoleUrl(server, '/runs/run_1')`. */
export function consoleUrl(server: Pick<TestServer, 'url'>, route = '/'): string {
  return `${server.url}/#${route}`;
}

/**
 * A new page (its own browser context, so its own sign-in) signed in to the console with `token`,
 * showing `/integrations`. Uncaught page errors are printed to the test output. Close it with
 * `await page.context().close()`.
 */
export async function openConsole(
  server: Pick<TestServer, 'url'>,
  token: string = OWNER_TOKEN,
): Promise<Page> {
  assertConsoleBuilt();
  const context = await (await launchBrowser()).newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    process.stderr.write(`[console page error] ${error.stack ?? error.message}\n`);
  });
  await page.goto(consoleUrl(server, '/'));
  await page.locator('input[name="token"]').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('combobox', { name: 'Workspace' }).waitFor();
  return page;
}

/** Goes to a console route on an open page, e.g. `await goTo(page, '/workflows')`. */
export async function goTo(page: Page, route: string): Promise<void> {
  const url = new URL(page.url());
  url.hash = route;
  await page.goto(url.toString());
}

/** Saves a full-page screenshot to `test-output/screenshots/<name>.png` at the repository root. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Saves `failed-<test name>.png` of the page when a test fails, to see what the browser showed.
 * Call once in a describe block: `screenshotOnFailure(() => page)`.
 */
export function screenshotOnFailure(currentPage: () => Page | undefined): void {
  afterEach(async (context) => {
    const page = currentPage();
    if (context.task.result?.state !== 'fail' || !page || page.isClosed()) return;
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    await screenshot(page, `failed-${name}`).catch(() => undefined);
  });
}

export { OWNER_TOKEN, type Page, type TestServer };
