import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signGitHubBody } from '@tripline/sdk';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { startTestServer } from '../test-server.test-helpers.js';
import { SecretBox } from './secret-box.js';

/** The webhook secrets the seeded subscription and builder verify with. */
export const SUBSCRIPTION_SECRET = 'subscription-secret-0123456789';
export const BUILDER_SECRET = 'builder-secret-0123456789';

export interface SeededDataDir {
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Ingress paths: a built manual GitHub subscription and a builder left unbuilt. */
  readonly subscriptionPath: string;
  readonly builderPath: string;
}

/**
 * A data dir whose SQLite store holds sealed secrets, made through the API of a real server
 * started with `env` (TRIPLINE_SECRET_KEY, or none for the generated key file), then stopped.
 */
export async function seedDataDir(env: Record<string, string> = {}): Promise<SeededDataDir> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-rekey-'));
  const server = await startTestServer({ TRIPLINE_DATA_DIR: dataDir, ...env });
  try {
    const builders = '/api/v1/integrations/github/subscription-builders';
    const first = await server.api('POST', builders, { body: { method: 'manual' } });
    await server.api('PATCH', `/api/v1/subscription-builders/${first.json.id}`, {
      body: { properties: { webhook_secret: SUBSCRIPTION_SECRET } },
    });
    expect((await server.api('POST', `/api/v1/subscription-builders/${first.json.id}/build`)).status).toBe(
      201,
    );
    const second = await server.api('POST', builders, { body: { method: 'manual' } });
    await server.api('PATCH', `/api/v1/subscription-builders/${second.json.id}`, {
      body: { properties: { webhook_secret: BUILDER_SECRET } },
    });
    const seeded = {
      dataDir,
      databaseFile: path.join(dataDir, 'tripline.db'),
      subscriptionPath: new URL(first.json.endpoint).pathname,
      builderPath: new URL(second.json.endpoint).pathname,
    };
    expect(await deliver(server.url, seeded.subscriptionPath, SUBSCRIPTION_SECRET)).toBe(200);
    return seeded;
  } finally {
    await server.stop();
  }
}

/** Sends a GitHub ping signed with `secret`; answers the status. */
export async function deliver(baseUrl: string, ingressPath: string, secret: string): Promise<number> {
  const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
  const response = await fetch(`${baseUrl}${ingressPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': `delivery-${Math.random()}`,
      'x-hub-signature-256': signGitHubBody(body, secret),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Every sealed string in the database file, read cell by cell from every table: independent of
 * what the store thinks it holds, so a value the re-keying missed is found too.
 */
export function sealedStringsIn(databaseFile: string): string[] {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .all() as { name: string }[];
    return tables.flatMap(({ name }) =>
      (db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).flatMap((row) =>
        Object.values(row).flatMap((cell) =>
          typeof cell === 'string' ? (cell.match(/v1\.[\w-]{16}\.[\w-]{22}\.[\w-]*/g) ?? []) : [],
        ),
      ),
    );
  } finally {
    db.close();
  }
}

/** How many of the values open with the key. */
export function openableWith(key: Uint8Array, sealed: readonly string[]): number {
  const box = new SecretBox(key);
  return sealed.filter((value) => {
    try {
      box.open(value);
      return true;
    } catch {
      return false;
    }
  }).length;
}

/** The store of a seeded data dir, migrated, for `run`; closed afterwards. */
export async function withStore<T>(seeded: SeededDataDir, run: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore({ databaseUrl: `sqlite:${seeded.databaseFile}` });
  try {
    await store.migrate();
    return await run(store);
  } finally {
    await store.close();
  }
}
