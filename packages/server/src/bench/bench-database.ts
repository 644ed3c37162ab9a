import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { SecretBox } from '../crypto/secret-box.js';
import { openStore } from '../store/open-store.js';
import { type SeededEndpoint, seedGitHubSubscriptions } from './seed-subscriptions.js';

/** A database for one benchmark server, seeded with subscriptions, and how to remove it. */
export interface BenchDatabase {
  /** TRIPLINE_DATABASE_URL for the server. */
  readonly databaseUrl: string;
  readonly endpoints: readonly SeededEndpoint[];
  drop(): Promise<void>;
}

/**
 * SQLite in `dataDir` by default. Seeding goes through the store port into a scratch file in memory
 * (/dev/shm when there is one) and the finished file is copied in, so 10,000 subscriptions take
 * seconds instead of 10,000 fsyncs. With `postgresServer` (BENCH_POSTGRES_URL, e.g.
 * postgres://postgres@127.0.0.1:5432) a database of its own on that server, seeded in place.
 */
export async function prepareBenchDatabase(input: {
  readonly dataDir: string;
  readonly postgresServer: string | undefined;
  readonly secretBox: SecretBox;
  readonly secret: string;
  readonly count: number;
}): Promise<BenchDatabase> {
  const seed = async (databaseUrl: string) => {
    const store = openStore({ databaseUrl });
    try {
      await store.migrate();
      return await seedGitHubSubscriptions({ ...input, store, now: new Date() });
    } finally {
      await store.close();
    }
  };
  if (input.postgresServer !== undefined) {
    const server = input.postgresServer.replace(/\/+$/, '');
    const database = `tripline_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const databaseUrl = `${server}/${database}`;
    return {
      databaseUrl,
      endpoints: await seed(databaseUrl),
      async drop() {
        await admin.query(`drop database if exists ${database} with (force)`);
        await admin.end();
      },
    };
  }
  const scratchRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const scratchDir = mkdtempSync(path.join(scratchRoot, 'tripline-bench-seed-'));
  const scratchFile = path.join(scratchDir, 'tripline.db');
  try {
    const endpoints = await seed(`sqlite:${scratchFile}`);
    const file = path.join(input.dataDir, 'tripline.db');
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(scratchFile + suffix)) copyFileSync(scratchFile + suffix, file + suffix);
    }
    return { databaseUrl: `sqlite:${file}`, endpoints, drop: async () => {} };
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}
