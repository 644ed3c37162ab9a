import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILDER_SECRET,
  deliver,
  SUBSCRIPTION_SECRET,
  sealedStringsIn,
  seedDataDir,
} from '../crypto/rotation.test-helpers.js';
import { encodeKey } from '../crypto/secret-key.js';
import { startTestServer } from '../test-server.test-helpers.js';
import { BackupError, backUpData } from './back-up-data.js';

describe('backUpData', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tripline-backup-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('copies the database and the key file, owner-only, and the copy restores a working service', async () => {
    const seeded = await seedDataDir({ TRIPLINE_SECRET_KEY: '' });
    dirs.push(seeded.dataDir);
    const target = path.join(scratch(), 'nightly');
    const result = backUpData({
      databaseUrl: `sqlite:${seeded.databaseFile}`,
      dataDir: seeded.dataDir,
      configuredKey: undefined,
      targetDir: target,
    });
    expect(result).toMatchObject({
      sourceFile: seeded.databaseFile,
      databaseFile: path.join(target, 'tripline.db'),
      keyFile: path.join(target, 'secret.key'),
      keyInEnvironment: false,
    });
    expect(result.databaseBytes).toBeGreaterThan(0);
    expect(readFileSync(path.join(target, 'secret.key'))).toEqual(
      readFileSync(path.join(seeded.dataDir, 'secret.key')),
    );
    for (const file of [result.databaseFile, path.join(target, 'secret.key')]) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(sealedStringsIn(result.databaseFile).sort()).toEqual(sealedStringsIn(seeded.databaseFile).sort());

    // Restoring is starting on the two files: the subscription and the builder verify their deliveries.
    const server = await startTestServer({ TRIPLINE_DATA_DIR: target, TRIPLINE_SECRET_KEY: '' });
    try {
      expect(await deliver(server.url, seeded.subscriptionPath, SUBSCRIPTION_SECRET)).toBe(200);
      expect(await deliver(server.url, seeded.subscriptionPath, 'a wrong secret')).toBe(401);
      expect(await deliver(server.url, seeded.builderPath, BUILDER_SECRET)).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('takes a consistent snapshot while the service keeps storing deliveries', async () => {
    const seeded = await seedDataDir({ TRIPLINE_SECRET_KEY: '' });
    dirs.push(seeded.dataDir);
    const server = await startTestServer({ TRIPLINE_DATA_DIR: seeded.dataDir, TRIPLINE_SECRET_KEY: '' });
    let sending = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (sending) {
        const batch = await Promise.all(
          Array.from({ length: 20 }, () => deliver(server.url, seeded.subscriptionPath, SUBSCRIPTION_SECRET)),
        );
        statuses.push(...batch);
      }
    })();
    try {
      while (statuses.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
      // Every delivery answered by now is stored, so it must be in the snapshot.
      const answered = statuses.length;
      const result = backUpData({
        databaseUrl: `sqlite:${seeded.databaseFile}`,
        dataDir: seeded.dataDir,
        configuredKey: undefined,
        targetDir: path.join(scratch(), 'live'),
      });
      sending = false;
      await load;
      const copy = new Database(result.databaseFile, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const copied = copy.prepare('select count(*) as n from request_logs').get() as { n: number };
        expect(copied.n).toBeGreaterThanOrEqual(1 + answered);
      } finally {
        copy.close();
      }
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200)).toBe(true);
    } finally {
      sending = false;
      await load;
      await server.close();
    }
  });

  it('does not copy a key held in TRIPLINE_SECRET_KEY, and says so', async () => {
    const key = encodeKey(randomBytes(32));
    const seeded = await seedDataDir({ TRIPLINE_SECRET_KEY: key });
    dirs.push(seeded.dataDir);
    const target = path.join(scratch(), 'env');
    const result = backUpData({
      databaseUrl: `sqlite:${seeded.databaseFile}`,
      dataDir: seeded.dataDir,
      configuredKey: key,
      targetDir: target,
    });
    expect(result).toMatchObject({ keyFile: undefined, keyInEnvironment: true });
    expect(existsSync(path.join(target, 'secret.key'))).toBe(false);
  });

  it('refuses PostgreSQL, a missing database and a target holding a backup, writing nothing', () => {
    const dataDir = scratch();
    const base = { dataDir, configuredKey: undefined, targetDir: path.join(scratch(), 'out') };
    expect(() => backUpData({ ...base, databaseUrl: 'postgres://tripline@db.internal/tripline' })).toThrow(
      /PostgreSQL database: back it up with pg_dump/,
    );
    expect(() => backUpData({ ...base, databaseUrl: `sqlite:${path.join(dataDir, 'none.db')}` })).toThrow(
      /there is no database at .*none\.db: nothing to back up/,
    );
    expect(existsSync(base.targetDir)).toBe(false);

    const file = path.join(dataDir, 'tripline.db');
    new Database(file).close();
    const full = scratch();
    writeFileSync(path.join(full, 'tripline.db'), 'an earlier backup');
    const refused = (() => {
      try {
        backUpData({ ...base, databaseUrl: `sqlite:${file}`, targetDir: full });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(BackupError);
    expect(String(refused)).toMatch(/tripline\.db exists already: back up into an empty directory/);
    expect(readFileSync(path.join(full, 'tripline.db'), 'utf8')).toBe('an earlier backup');
  });
});
