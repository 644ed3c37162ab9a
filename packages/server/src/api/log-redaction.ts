import type { FastifyRequest } from 'fastify';

/** What a redacted value reads as in the log. */
export const LOG_CENSOR = '[redacted]';

// Field names that hold credentials wherever they are logged: OAuth tokens and client secrets,
// webhook secrets, passwords, API keys, PKCE verifiers, whole credential objects.
const CREDENTIAL_FIELDS = [
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'webhook_secret',
  'secret',
  'password',
  'token',
  'api_key',
  'code_verifier',
  'private_key',
  'credentials',
];

// Headers that carry credentials or signatures (a signature lets anyone replay that body).
const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-hub-signature',
  'x-hub-signature-256',
];

/**
 * Log paths that never reach the log in clear: credential fields at the top of a log line and one
 * level down (`{ client: { client_secret } }`), and credential headers of any `headers` object at
 * those levels (`req.headers.authorization`). Each wildcard path costs about a microsecond per log
 * line, so deeper levels are left out: log flat fields, never a whole request, response or record.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  ...CREDENTIAL_FIELDS.flatMap((field) => [field, `*.${field}`]),
  ...CREDENTIAL_HEADERS.flatMap((name) => [`headers["${name}"]`, `*.headers["${name}"]`]),
  'res.headers["set-cookie"]',
];

/** pino's `redact` option with {@link LOG_REDACT_PATHS}, for every logger of the process. */
export const LOG_REDACTION = { paths: [...LOG_REDACT_PATHS], censor: LOG_CENSOR };

// Paths whose whole query is a credential exchange: the OAuth provider sends the authorization
// code and the state there, and either one is enough to finish someone's authorization.
const QUERY_DROPPED_PATHS = new Set(['/oauth/callback']);
// Query parameters whose values are credentials on any other path.
const SENSITIVE_QUERY_NAME =
  /^(code|state|token|access_token|refresh_token|id_token|client_secret|secret|password|api_key|key|signature|sig)$/i;

/**
 * The URL as the request log shows it: without the query of {@link QUERY_DROPPED_PATHS}, and with
 * the values of credential-named query parameters replaced elsewhere.
 *
 * @example
 * redactUrl('/oauth/callback?code=abc&state=xyz') === '/oauth/callback';
 * redactUrl('/api/v1/runs?limit=5&token=abc') === '/api/v1/runs?limit=5&token=[redacted]';
 */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const path = url.slice(0, mark);
  if (QUERY_DROPPED_PATHS.has(path.replace(/\/+$/, ''))) return path;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return SENSITIVE_QUERY_NAME.test(safeDecode(name)) && equals !== -1 ? `${name}=${LOG_CENSOR}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Fastify's request serializer, with {@link redactUrl} applied to the URL. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
