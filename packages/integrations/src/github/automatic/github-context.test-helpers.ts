import { type Clock, type HttpClient, type IntegrationContext, systemClock } from '@tripline/sdk';
import type { FakeGitHub } from '../../testing/index.js';

export interface LogEntry {
  readonly level: string;
  readonly fields: object;
  readonly message: string;
}

/** A context that talks to a fake GitHub over real HTTP and keeps its log lines for inspection. */
export function githubContext(
  github: Pick<FakeGitHub, 'apiUrl' | 'webUrl'>,
  options: { readonly clock?: Clock; readonly http?: HttpClient } = {},
): IntegrationContext & { readonly logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  const log = (level: string) => (fields: object, message: string) => {
    logs.push({ level, fields, message });
  };
  const values = new Map<string, string>();
  return {
    http: options.http ?? ((url, init) => fetch(url, init)),
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    kv: {
      get: async (key) => values.get(key),
      set: async (key, value) => {
        values.set(key, value);
      },
      delete: async (key) => {
        values.delete(key);
      },
    },
    clock: options.clock ?? systemClock,
    settings: { apiUrl: github.apiUrl, webUrl: github.webUrl },
    logs,
  };
}

/** Runs a promise that must fail and returns what it threw, to check type, code and message. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-error: ${String(error)}`);
  }
  throw new Error('expected a failure, but it succeeded');
}
