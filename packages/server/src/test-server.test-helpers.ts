import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Logger as PinoLogger, pino } from 'pino';
import { type RunningServer, startServer } from './app.js';
import { loadConfig } from './config/config.js';

export const OWNER_TOKEN = 'tl_test-owner-token-0123456789abcdef';

export interface TestServer extends RunningServer {
  /** JSON request with the given token (the owner's by default). */
  api(method: string, route: string, options?: { token?: string; body?: unknown }): Promise<TestResponse>;
  stop(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers by path and assert on them
  readonly json: any;
}

export interface TestServerOptions {
  /** Where the service logs; silent by default (secrets-audit captures it to scan for secrets). */
  readonly logger?: PinoLogger;
}

/** The whole service on 127.0.0.1 with a fresh SQLite data dir, as `npm start` runs it. */
export async function startTestServer(
  env: Record<string, string> = {},
  serverOptions: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-server-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TRIPLINE_DATA_DIR: dataDir,
    TRIPLINE_BOOTSTRAP_TOKEN: OWNER_TOKEN,
    ...env,
  });
  const server = await startServer({ config, logger: serverOptions.logger ?? pino({ level: 'silent' }) });
  const api: TestServer['api'] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? OWNER_TOKEN}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    ...server,
    api,
    close: server.close,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
