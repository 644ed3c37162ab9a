import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFilesOf, readKeyFile, writeKeyFile } from './crypto/key-files.js';
import { openableWith, sealedStringsIn, seedDataDir } from './crypto/rotation.test-helpers.js';
import { encodeKey } from './crypto/secret-key.js';

const run = promisify(execFile);
/** Neither key variable leaks in from the environment the tests run in. */
const NO_KEYS = { TRIPLINE_SECRET_KEY: '', TRIPLINE_NEW_SECRET_KEY: '' };
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function tripline(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('tripline cli', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('migrate applies the migrations once, then says the database is up to date', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-cli-'));
    dirs.push(dataDir);
    const first = await tripline(['migrate'], { TRIPLINE_DATA_DIR: dataDir });
    expect(first.stdout).toMatch(/applied: 000001/);
    expect(statSync(path.join(dataDir, 'tripline.db')).size).toBeGreaterThan(0);
    const second = await tripline(['migrate'], { TRIPLINE_DATA_DIR: dataDir });
    expect(second.stdout).toContain('database is up to date');
  });

  it('refuses invalid configuration naming the variable and what it takes', async () => {
    const error = await tripline(['migrate'], { PORT: 'eighty' }).catch(
      (failure: { code: number; stderr: string }) => failure,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain(
      'PORT="eighty" must be a whole number from 0 to 65535',
    );
  });

  it('rotate-secret-key replaces the key file, keeps the old key and says what changed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-cli-'));
    dirs.push(dataDir);
    const files = keyFilesOf(path.join(dataDir, 'secret.key'));
    const old = randomBytes(32);
    writeKeyFile(files.current, old);
    const { stdout } = await tripline(['rotate-secret-key'], { ...NO_KEYS, TRIPLINE_DATA_DIR: dataDir });
    expect(stdout).toContain('Re-encrypted 0 sealed values under the new key.');
    expect(stdout).toContain(`The new key is in ${files.current}.`);
    expect(stdout).toContain('Webhook trigger URLs (/triggers/webhook/...) are signed with the secret key');
    expect(readKeyFile(files.current)?.equals(old)).toBe(false);
    expect(readKeyFile(files.previous)?.equals(old)).toBe(true);
  });

  it('rotate-secret-key with TRIPLINE_SECRET_KEY prints the generated key once, and refuses a wrong key', async () => {
    const key = encodeKey(randomBytes(32));
    const seeded = await seedDataDir({ TRIPLINE_SECRET_KEY: key });
    dirs.push(seeded.dataDir);
    const env = { ...NO_KEYS, TRIPLINE_DATA_DIR: seeded.dataDir };
    const wrong = await tripline(['rotate-secret-key'], {
      ...env,
      TRIPLINE_SECRET_KEY: encodeKey(randomBytes(32)),
    }).catch((failure: { code: number; stdout: string; stderr: string }) => failure);
    expect(wrong).toMatchObject({ code: 1 });
    const { stdout, stderr } = wrong as { stdout: string; stderr: string };
    expect(stderr).toContain(
      'a sealed value does not open with the current secret key from TRIPLINE_SECRET_KEY',
    );
    expect(stderr).toContain('Nothing changed: keep TRIPLINE_SECRET_KEY as it is');
    expect(stderr).not.toMatch(/\n\s+at /);
    const shown = /keep it now\):\n\n {2}(\S+)\n/.exec(stdout)?.[1] ?? '';
    expect(shown).toMatch(/^[\w+/]{43}=$/);
    expect(openableWith(Buffer.from(shown, 'base64'), sealedStringsIn(seeded.databaseFile))).toBe(0);

    const rotated = await tripline(['rotate-secret-key'], { ...env, TRIPLINE_SECRET_KEY: key });
    const newKey = /keep it now\):\n\n {2}(\S+)\n/.exec(rotated.stdout)?.[1] ?? '';
    expect(newKey).toMatch(/^[\w+/]{43}=$/);
    expect(rotated.stdout.split(newKey)).toHaveLength(2);
    expect(rotated.stdout).toContain('Re-encrypted 2 sealed values under the new key.');
    expect(rotated.stdout).toContain('Set TRIPLINE_SECRET_KEY to the new key shown above before starting');
    expect(openableWith(Buffer.from(newKey, 'base64'), sealedStringsIn(seeded.databaseFile))).toBe(2);
  });

  it('backup copies the database and the key file and says how to restore; without a directory it asks for one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-cli-'));
    dirs.push(dataDir);
    await tripline(['migrate'], { ...NO_KEYS, TRIPLINE_DATA_DIR: dataDir });
    writeKeyFile(path.join(dataDir, 'secret.key'), randomBytes(32));
    const target = path.join(dataDir, 'backups', 'first');
    const { stdout } = await tripline(['backup', target], { ...NO_KEYS, TRIPLINE_DATA_DIR: dataDir });
    expect(stdout).toMatch(
      new RegExp(`Backed up the database to ${target}/tripline\\.db \\(\\d+ bytes, checked\\)`),
    );
    expect(stdout).toContain(`Backed up the secret key to ${target}/secret.key.`);
    expect(stdout).toContain(
      `delete ${dataDir}/tripline.db-wal and ${dataDir}/tripline.db-shm if they are there`,
    );
    expect(statSync(path.join(target, 'tripline.db')).size).toBeGreaterThan(0);

    const again = await tripline(['backup', target], { ...NO_KEYS, TRIPLINE_DATA_DIR: dataDir }).catch(
      (failure: { code: number; stderr: string }) => failure,
    );
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toContain('exists already: back up into an empty directory');

    const missing = await tripline(['backup'], { TRIPLINE_DATA_DIR: dataDir }).catch(
      (failure: { code: number; stderr: string }) => failure,
    );
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toContain('tripline backup <dir>');
  });

  it('refuses an unknown command with the usage', async () => {
    const error = await tripline(['serv'], {}).catch((failure: { code: number; stderr: string }) => failure);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain('unknown command "serv"');
  });
});
