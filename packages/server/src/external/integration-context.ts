import type {
  Clock,
  HttpClient,
  Integration,
  IntegrationContext,
  KeyValueStore,
  Logger,
} from '@tripline/sdk';

/** How long one call to an external system may take before it counts as failed. */
export const EXTERNAL_CALL_TIMEOUT_MS = 15_000;

export interface IntegrationContextOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  /** Process environment, for the settings the integration declares (e.g. TRIPLINE_GITHUB_API_URL). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The fetch to use; tests pass none and talk to fakes on loopback through the real one. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/**
 * Builds the context an integration's outbound hooks receive (credentials check, options, creating
 * and deleting webhooks, OAuth). Calls go to the systems the operator configured (GitHub, its
 * Enterprise server), so they are not held to the guard of user-defined HTTP nodes; they get a
 * timeout and a log line with method, URL without query, status and time, never headers or bodies.
 */
export function createIntegrationContext(
  integration: Integration,
  options: IntegrationContextOptions,
): IntegrationContext {
  const settings: Record<string, string> = {};
  for (const setting of integration.settings) {
    settings[setting.name] = (options.env[setting.env] || setting.default).replace(/\/+$/, '');
  }
  const logger = childLogger(options.logger, { integration: integration.id });
  return {
    http: timedHttp(
      options.fetch ?? fetch,
      options.timeoutMs ?? EXTERNAL_CALL_TIMEOUT_MS,
      logger,
      options.clock,
    ),
    logger,
    kv: memoryKeyValueStore(options.clock),
    clock: options.clock,
    settings,
  };
}

function timedHttp(fetchImpl: typeof fetch, timeoutMs: number, logger: Logger, clock: Clock): HttpClient {
  return async (url, init) => {
    const target = new URL(String(url));
    const where = `${target.origin}${target.pathname}`;
    const method = init?.method ?? 'GET';
    const started = clock.now();
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetchImpl(target, { ...init, signal });
      logger.debug(
        { method, url: where, status: response.status, ms: clock.now() - started },
        'external call',
      );
      return response;
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      logger.warn(
        { method, url: where, ms: clock.now() - started, error: timedOut ? 'timeout' : String(error) },
        'external call failed',
      );
      throw error;
    }
  };
}

function childLogger(logger: Logger, fields: object): Logger {
  const withChild = logger as Logger & { child?: (bindings: object) => Logger };
  return typeof withChild.child === 'function' ? withChild.child(fields) : logger;
}

/**
 * A per-process key-value store with expiry. Integrations use it for caches only (a lost entry is
 * fetched again), so it need not survive a restart.
 */
function memoryKeyValueStore(clock: Clock): KeyValueStore {
  const entries = new Map<string, { readonly value: string; readonly expiresAt: number }>();
  return {
    get: async (key) => {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set: async (key, value, ttlSeconds) => {
      entries.set(key, {
        value,
        expiresAt: ttlSeconds === undefined ? Number.POSITIVE_INFINITY : clock.now() + ttlSeconds * 1000,
      });
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
}
