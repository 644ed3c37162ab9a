import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.test-helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** A `tripline serve` child process that answers on 127.0.0.1. */
export interface ServedProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  readonly output: () => string;
}

const running = new Set<ChildProcess>();

/**
 * Starts the real server as `tripline serve` runs it, in a child process on a free port of
 * 127.0.0.1 with `env` added to this process's environment, and resolves once `/healthz` answers.
 */
export async function serveProcess(env: Record<string, string>): Promise<ServedProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRIPLINE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { child, url, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz:\n${output}`);
}

/** Kills with SIGKILL every process {@link serveProcess} started that has not exited yet. */
export function killServedProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A JSON (or YAML, for a string body) call to a served process's API; `route` is below `/api/v1`. */
export type ProcessApi = (
  served: ServedProcess,
  method: string,
  route: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers by path and assert on them
) => Promise<any>;

/**
 * Calls to a served process's API with `token`: a string body is sent as YAML, any other as JSON;
 * an answer of 300 or above throws with its body, so a test sees what went wrong.
 */
export function processApi(token: string): ProcessApi {
  return async (served, method, route, body) => {
    const response = await fetch(`${served.url}/api/v1${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined
          ? {}
          : { 'content-type': typeof body === 'string' ? 'application/yaml' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}
