import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtInIntegrations } from '@tripline/integrations';
import {
  type FakeDelivery,
  type FakeGitHub,
  type FakeGitHubOptions,
  startFakeGitHub,
} from '@tripline/integrations/testing';
import { systemClock } from '@tripline/sdk';
import { loadConfig } from '../config/config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { loadSecretKey } from '../crypto/secret-key.js';
import { freePort } from '../free-port.test-helpers.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { refreshExpiringCredentials } from '../oauth/credential-refresher.js';
import { OAuthClientService } from '../oauth/oauth-client-service.js';
import {
  type AuditedResponse,
  type AuditedServer,
  startAuditedServer,
} from './secret-leak-scan.test-helpers.js';

/** An audited service wired to a fake GitHub, as automatic subscriptions run in production. */
export interface AutomaticAudit {
  readonly audit: AuditedServer;
  readonly github: FakeGitHub;
  /** TRIGGER_URL: the server's own address, so GitHub's deliveries and redirects reach it. */
  readonly triggerUrl: string;
  /** The env the service started with, for parts a test runs beside it (a scheduler pass). */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** What a delivery from the fake GitHub carried: its answer and the signature headers it sent. */
export interface SignedDelivery {
  readonly delivery: FakeDelivery;
  /** `X-Hub-Signature-256` and `X-Hub-Signature` values, as GitHub computed them. */
  readonly signatures: readonly string[];
}

/**
 * Starts a fake GitHub, lets `setUp` add users, repositories and apps (it may need TRIGGER_URL,
 * e.g. for an OAuth app's callback), then starts the audited service against it.
 */
export async function startAutomaticAudit(
  setUp: (github: FakeGitHub, triggerUrl: string) => void,
  options: FakeGitHubOptions = {},
): Promise<AutomaticAudit> {
  const github = await startFakeGitHub(options);
  const port = await freePort();
  const triggerUrl = `http://127.0.0.1:${port}`;
  setUp(github, triggerUrl);
  const env = {
    PORT: String(port),
    TRIGGER_URL: triggerUrl,
    TRIPLINE_ALLOW_LOCAL_CALLBACKS: '1',
    TRIPLINE_GITHUB_API_URL: github.apiUrl,
    TRIPLINE_GITHUB_WEB_URL: github.webUrl,
  };
  const audit = await startAuditedServer(env);
  return {
    audit,
    github,
    triggerUrl,
    env: { ...env, TRIPLINE_DATA_DIR: audit.dataDir },
    stop: async () => {
      await audit.stop();
      await github.close();
    },
  };
}

/**
 * Delivers an event from the fake GitHub to the repository's one webhook, and computes the
 * signature headers GitHub sent with it from the webhook's secret (the fake signs JSON bodies
 * exactly as `JSON.stringify(payload)`).
 */
export async function deliverSigned(
  github: FakeGitHub,
  input: { readonly fullName: string; readonly event: string; readonly payload: unknown },
): Promise<SignedDelivery> {
  const [hook, ...others] = github.hooks(input.fullName);
  if (hook?.secret === undefined || others.length > 0) {
    throw new Error(`${input.fullName} should have exactly one webhook with a secret`);
  }
  const body = JSON.stringify(input.payload);
  const signatures = [
    `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`,
    `sha1=${createHmac('sha1', hook.secret).update(body).digest('hex')}`,
  ];
  return { delivery: await github.deliver(input), signatures };
}

/** The current secrets of a repository's webhooks, as GitHub holds them. */
export function hookSecrets(github: FakeGitHub, fullName: string): string[] {
  return github.hooks(fullName).flatMap((hook) => (hook.secret === undefined ? [] : [hook.secret]));
}

/** The bytes of the SQLite database and its write-ahead log, read after the server closed. */
export function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    ['tripline.db', 'tripline.db-wal']
      .map((file) => path.join(dataDir, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file)),
  );
}

/**
 * What the console does when the callback's Location says `outcome=authorized`: confirms the
 * authorization with the owner's session. Answers the one-time confirmation value too: a secret
 * that appears only in that Location and in this request's body, for the scans.
 */
export async function confirmAuthorization<T>(
  audit: AuditedServer,
  location: string,
): Promise<{ readonly confirmation: string; readonly confirmed: AuditedResponse<T> }> {
  const result = new URLSearchParams(location.slice(location.indexOf('?') + 1));
  if (result.get('outcome') !== 'authorized') throw new Error(`the callback did not authorize: ${location}`);
  const confirmation = result.get('confirmation') ?? '';
  const confirmed = await audit.request<T>(
    'POST',
    `/api/v1/subscription-builders/${result.get('builder')}/oauth/confirm`,
    { json: { confirmation } },
  );
  if (confirmed.status !== 200) throw new Error(`confirming answered ${confirmed.status}: ${confirmed.body}`);
  return { confirmation, confirmed };
}

/** The tokens a saved credential holds, opened with the service's own key. */
export async function openedCredential(
  automatic: AutomaticAudit,
  workspaceId: string,
  credentialId: string,
): Promise<Record<string, string>> {
  const record = await automatic.audit.server.store.credentials.get(workspaceId, credentialId);
  if (!record) throw new Error(`credential ${credentialId} is not stored`);
  const box = new SecretBox(loadSecretKey({ configured: undefined, dataDir: automatic.audit.dataDir }));
  return JSON.parse(box.open(record.credentials)) as Record<string, string>;
}

/**
 * One pass of the scheduler's credential refresh over the service's store, logging into the
 * audited log capture: the same code the `scheduler` role runs every minute.
 */
export async function refreshCredentialsNow(automatic: AutomaticAudit): Promise<void> {
  const { audit } = automatic;
  const config = loadConfig(automatic.env);
  const catalog = new IntegrationCatalog(builtInIntegrations);
  const secretBox = new SecretBox(loadSecretKey({ configured: undefined, dataDir: audit.dataDir }));
  const store = audit.server.store;
  const clock = systemClock;
  const clients = new OAuthClientService({ store, catalog, secretBox, clock, config });
  await refreshExpiringCredentials({
    store,
    catalog,
    secretBox,
    clients,
    clock,
    config,
    logger: audit.logs.logger,
  });
}
