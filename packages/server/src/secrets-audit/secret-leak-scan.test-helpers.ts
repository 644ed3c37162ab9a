import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Logger as PinoLogger, pino } from 'pino';
import { LOG_REDACTION } from '../api/create-api.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../test-server.test-helpers.js';
import { secretForms, textLeaves } from './secret-forms.test-helpers.js';

/** An answer as the client got it, kept for the scan. */
export interface RecordedResponse {
  /** `METHOD /path` of the request. */
  readonly label: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface AuditedResponse<T> extends RecordedResponse {
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly json: T;
}

/** Log lines kept in memory, written by a logger that redacts as the service's own does. */
export interface LogCapture {
  readonly logger: PinoLogger;
  /** Every line written so far, as pino wrote it (JSON). */
  readonly lines: readonly string[];
}

/** Where secrets must not be: log lines, answers, request logs, anything else by name. */
export interface SecretScan {
  readonly secrets: readonly string[];
  readonly logs?: readonly string[];
  readonly responses?: readonly RecordedResponse[];
  /** Request logs as the API shows them or as the store holds them (bytes are read as UTF-8). */
  readonly requestLogs?: readonly unknown[];
  /** More places, by name, e.g. `{ 'database file': bytes }`. */
  readonly other?: Readonly<Record<string, unknown>>;
}

export interface SecretFinding {
  /** Index of the secret in `secrets`. */
  readonly secret: number;
  /** How it was written: in clear, base64, URL-encoded... */
  readonly form: string;
  /** Where: `log line 12 ("incoming request") at req.url`, `answer 3 (GET /api/...) at body.x`. */
  readonly where: string;
}

/**
 * Secret-leak scanning for end-to-end tests. Start the service with {@link startAuditedServer}
 * (every log line captured at trace level with the production redaction, every answer of
 * `request` recorded), drive a flow that handles secrets, then check that no secret shows up where
 * it must not. Each secret is looked for in clear and encoded (JSON-escaped, URL- and
 * form-encoded, hex, base64 at any byte alignment); a failure names the secret, the form and the
 * place: log line and field, answer and field, request log and field. Secrets must be at least 8
 * characters, so that none matches by chance.
 *
 * For an API-key flow, scan for the key; for OAuth, for the client secret, the authorization code,
 * the state and the access and refresh tokens the fake provider issued. Leave out the one answer
 * that may show a secret (a generated secret shown once), and what the fake external system
 * received: it is meant to get the credentials.
 *
 * @example
 * const audit = await startAuditedServer();
 * const created = await audit.request('POST', '/api/v1/...', { json: { token: SECRET } });
 * // ... the rest of the flow: PATCH, build, list, get, deliveries, request logs, replay ...
 * const stored = await audit.server.store.requestLogs.list({ workspaceId, endpointId, limit: 200 });
 * await audit.server.close(); // logs of shutting down are scanned too
 * expectNoSecrets({
 *   secrets: [SECRET],
 *   logs: audit.logs.lines,
 *   responses: audit.responses.filter((response) => response !== created),
 *   requestLogs: stored,
 * });
 */
export function expectNoSecrets(scan: SecretScan): void {
  const sources = [scan.logs, scan.responses, scan.requestLogs, scan.other && Object.keys(scan.other)];
  if (sources.every((source) => source === undefined || source.length === 0)) {
    throw new Error('expectNoSecrets was given nothing to scan: pass logs, responses, requestLogs or other');
  }
  const findings = findSecrets(scan);
  if (findings.length === 0) return;
  const described = findings.map(
    (finding) => `- ${describeSecret(scan.secrets, finding.secret)} ${finding.form}: ${finding.where}`,
  );
  throw new Error(`${findings.length} secret leak(s) found:\n${described.join('\n')}`);
}

/** Every place a secret shows up, in any of its forms; empty when none does. */
export function findSecrets(scan: SecretScan): SecretFinding[] {
  const forms = scan.secrets.map((secret) => secretForms(secret));
  const places: { readonly where: string; readonly value: unknown }[] = [
    ...(scan.logs ?? []).map((line, index) => ({
      where: `log line ${index + 1}${logMessage(line)}`,
      value: line,
    })),
    ...(scan.responses ?? []).map((response, index) => ({
      where: `answer ${index + 1} (${response.label} -> ${response.status})`,
      value: { headers: response.headers, body: response.body },
    })),
    ...(scan.requestLogs ?? []).map((log, index) => ({ where: `request log ${index + 1}`, value: log })),
    ...Object.entries(scan.other ?? {}).map(([where, value]) => ({ where, value })),
  ];
  const findings: SecretFinding[] = [];
  for (const place of places) {
    for (const leaf of textLeaves(place.value)) {
      forms.forEach((formsOfSecret, secret) => {
        const match = formsOfSecret.find((candidate) => leaf.text.includes(candidate.text));
        if (match === undefined) return;
        const at = leaf.path === '' ? '' : ` at ${leaf.path}`;
        findings.push({ secret, form: match.form, where: `${place.where}${at}` });
      });
    }
  }
  return findings;
}

/** A logger like the service's (same redaction) that keeps its lines in memory. */
export function captureLogs(level = 'trace'): LogCapture {
  const lines: string[] = [];
  const logger = pino({ level, redact: LOG_REDACTION }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

export interface AuditedServer {
  readonly server: TestServer;
  readonly logs: LogCapture;
  /** Every answer `request` received, in order. */
  readonly responses: readonly RecordedResponse[];
  /** The service's data dir (SQLite database, key file), removed by `stop`. */
  readonly dataDir: string;
  /**
   * A request to the service, recorded. `token` defaults to the owner's; `null` sends none (the
   * ingress). `json` is sent as JSON; `body` as is, with the given headers.
   */
  request<T = unknown>(
    method: string,
    route: string,
    options?: {
      readonly token?: string | null;
      readonly json?: unknown;
      readonly body?: string | Uint8Array;
      readonly headers?: Readonly<Record<string, string>>;
    },
  ): Promise<AuditedResponse<T>>;
  stop(): Promise<void>;
}

/** The whole service (as {@link startTestServer} starts it) with its logs and answers kept. */
export async function startAuditedServer(env: Record<string, string> = {}): Promise<AuditedServer> {
  const logs = captureLogs();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-audit-'));
  const server = await startTestServer({ TRIPLINE_DATA_DIR: dataDir, ...env }, { logger: logs.logger });
  const responses: RecordedResponse[] = [];
  return {
    server,
    logs,
    responses,
    dataDir,
    async request<T>(
      method: string,
      route: string,
      options: Parameters<AuditedServer['request']>[2] = {},
    ): Promise<AuditedResponse<T>> {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? OWNER_TOKEN : options.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body = options.body;
      if (options.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(options.json);
      }
      const response = await fetch(`${server.url}${route}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      const recorded: AuditedResponse<T> = {
        label: `${method} ${route}`,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: text,
        json: parseJson(text) as T,
      };
      responses.push(recorded);
      return recorded;
    },
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function logMessage(line: string): string {
  const message = (parseJson(line) as { msg?: unknown } | undefined)?.msg;
  return typeof message === 'string' ? ` ("${message}")` : '';
}

function describeSecret(secrets: readonly string[], index: number): string {
  const secret = secrets[index] ?? '';
  return `secret ${index + 1} ("${secret.slice(0, 4)}...", ${secret.length} characters)`;
}
