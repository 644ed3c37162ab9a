import type { Clock } from './clock.js';

/**
 * Structured logging: fields first, message second, as pino does. Never pass secrets in fields.
 *
 * @example
 * context.logger.info({ repository: 'octo/repo', hookId: 42 }, 'webhook created');
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * A small per-subscription key-value store for integration state (cursors, cached ids).
 *
 * @example
 * const cursor = await context.kv.get('cursor');
 * await context.kv.set('cursor', nextCursor, 86_400);
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * The outbound HTTP client integrations use: `fetch`'s signature, so hooks can be tested with
 * any fake, while the server supplies one with timeouts and redacted logging.
 *
 * @example
 * const response = await context.http(`${apiUrl}/repos/${repository}/hooks`, {
 *   method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(hook),
 * });
 */
export type HttpClient = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * What every hook that talks to the outside world receives.
 *
 * @example
 * async function validateCredentials({ credentials, context }: { credentials: ParameterValues; context: IntegrationContext }) {
 *   const response = await context.http(`${context.settings.api_url}/user`, { headers: { authorization: `Bearer ${credentials.access_token}` } });
 *   if (!response.ok) throw new CredentialsError('the token was refused');
 * }
 */
export interface IntegrationContext {
  readonly http: HttpClient;
  readonly logger: Logger;
  readonly kv: KeyValueStore;
  readonly clock: Clock;
  /** Integration settings from configuration (e.g. an API base URL), by the names it declared. */
  readonly settings: Readonly<Record<string, string>>;
}
