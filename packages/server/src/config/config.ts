import path from 'node:path';

/**
 * The service's configuration, read once from the environment at start (CONTRACT.md lists the
 * variables). Invalid values stop the start with a message that names the variable and what it takes.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** Public base of callback URLs, without a trailing slash. */
  readonly triggerUrl: string;
  readonly allowLocalCallbacks: boolean;
  readonly dataDir: string;
  /** `sqlite:<file>` by default, or a `postgres://` URL. */
  readonly databaseUrl: string;
  readonly redisUrl: string | undefined;
  /** 32-byte key in base64 or hex, or undefined to use (or generate) `<dataDir>/secret.key`. */
  readonly secretKey: string | undefined;
  readonly bootstrapToken: string | undefined;
  readonly ingress: IngressConfig;
  readonly retention: RetentionConfig;
  /**
   * Integration settings by env name (e.g. TRIPLINE_GITHUB_API_URL), and the instance-wide OAuth
   * clients, one variable per client field: TRIPLINE_OAUTH_<INTEGRATION>_<FIELD>, e.g.
   * TRIPLINE_OAUTH_GITHUB_CLIENT_ID and TRIPLINE_OAUTH_GITHUB_CLIENT_SECRET. Those are read per
   * integration in oauth/system-oauth-clients.ts, since the field names come from its declaration.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logLevel: string;
  /**
   * What this process does (TRIPLINE_ROLES, comma-separated; all by default). `worker` dispatches
   * stored deliveries and runs workflows, `scheduler` fires schedule triggers; the HTTP server
   * (`api`, `ingress`) is always served for now.
   */
  readonly roles: ReadonlySet<ProcessRole>;
  /**
   * Hosts and CIDR ranges the workflow HTTP request node may reach although they are private or
   * loopback (TRIPLINE_HTTP_ALLOWLIST, comma-separated); everything private is refused otherwise.
   */
  readonly httpAllowlist: readonly string[];
}

export const PROCESS_ROLES = ['api', 'ingress', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface IngressConfig {
  /** Largest body accepted, in bytes (413 past it). Default 25 MiB, GitHub's own cap. */
  readonly maxBodyBytes: number;
  /** Sustained requests per second one endpoint may send before 429. */
  readonly endpointRatePerSecond: number;
  /** Requests one endpoint may send in a burst above the sustained rate. */
  readonly endpointBurst: number;
}

export interface RetentionConfig {
  /** Request logs kept per endpoint (newest win). */
  readonly maxLogsPerEndpoint: number;
  /** Request logs older than this are deleted, in days. */
  readonly maxLogAgeDays: number;
  /**
   * Finished runs (and their traces) and schedule fires older than this are deleted, in days;
   * each schedule trigger keeps its latest fire, where catching up after a restart starts.
   */
  readonly maxRunAgeDays: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const port = integer('PORT', 5001, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const triggerUrl = (env.TRIGGER_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(triggerUrl)) {
    problems.push(
      `TRIGGER_URL="${triggerUrl}" must be an absolute http(s) URL such as https://triggers.example.com`,
    );
  }
  const dataDir = path.resolve(cwd, env.TRIPLINE_DATA_DIR || './data');
  const databaseUrl = env.TRIPLINE_DATABASE_URL || `sqlite:${path.join(dataDir, 'tripline.db')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push(
      `TRIPLINE_DATABASE_URL must start with postgres:// or sqlite: (got "${databaseUrl.split('@').pop()}")`,
    );
  }
  const roles = new Set<ProcessRole>();
  for (const name of (env.TRIPLINE_ROLES || PROCESS_ROLES.join(',')).split(',').map((role) => role.trim())) {
    if ((PROCESS_ROLES as readonly string[]).includes(name)) roles.add(name as ProcessRole);
    else problems.push(`TRIPLINE_ROLES: "${name}" is not a role; use a list of ${PROCESS_ROLES.join(', ')}`);
  }
  const config: Config = {
    host,
    port,
    triggerUrl,
    allowLocalCallbacks: env.TRIPLINE_ALLOW_LOCAL_CALLBACKS === '1',
    dataDir,
    databaseUrl,
    redisUrl: env.TRIPLINE_REDIS_URL || undefined,
    secretKey: env.TRIPLINE_SECRET_KEY || undefined,
    bootstrapToken: env.TRIPLINE_BOOTSTRAP_TOKEN || undefined,
    ingress: {
      maxBodyBytes: integer('TRIPLINE_MAX_BODY_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      endpointRatePerSecond: integer('TRIPLINE_ENDPOINT_RATE_LIMIT', 200, 1, 1_000_000),
      endpointBurst: integer('TRIPLINE_ENDPOINT_BURST', 1000, 1, 10_000_000),
    },
    retention: {
      maxLogsPerEndpoint: integer('TRIPLINE_LOG_RETENTION_COUNT', 1000, 10, 10_000_000),
      maxLogAgeDays: integer('TRIPLINE_LOG_RETENTION_DAYS', 14, 1, 3650),
      maxRunAgeDays: integer('TRIPLINE_RUN_RETENTION_DAYS', 30, 1, 3650),
    },
    env,
    logLevel: env.TRIPLINE_LOG_LEVEL || 'info',
    httpAllowlist: (env.TRIPLINE_HTTP_ALLOWLIST ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    roles,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

/** True when external systems could not reach this base URL (localhost, loopback, private ranges). */
export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (host === '::1' || host === '::' || /^f[cd][0-9a-f]{2}:/i.test(host) || /^fe80:/i.test(host))
    return true;
  const octets = host.split('.').map(Number);
  if (octets.length !== 4 || octets.some((n) => !Number.isInteger(n))) return false;
  const [a = 0, b = 0] = octets;
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}
