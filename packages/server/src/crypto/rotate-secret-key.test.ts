import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MASKED_SECRET } from '@tripline/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { SealedValueRepository } from '../store/store.js';
import { startTestServer } from '../test-server.test-helpers.js';
import { keyFilesOf, readKeyFile, writeKeyFile } from './key-files.js';
import { type RotationPlan, rotateSecretKey, SecretKeyMismatchError } from './rotate-secret-key.js';
import {
  BUILDER_SECRET,
  deliver,
  openableWith,
  type SeededDataDir,
  SUBSCRIPTION_SECRET,
  sealedStringsIn,
  seedDataDir,
  withStore,
} from './rotation.test-helpers.js';
import { SecretBox } from './secret-box.js';
import { encodeKey, SECRET_KEY_FILE } from './secret-key.js';

describe('rotateSecretKey', () => {
  const dirs: string[] = [];
  const seed = async (env: Record<string, string> = {}): Promise<SeededDataDir> => {
    const seeded = await seedDataDir(env);
    dirs.push(seeded.dataDir);
    return seeded;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('re-encrypts every sealed value under a new key file; the server starts with it and verifies deliveries', async () => {
    const seeded = await seed();
    const files = keyFilesOf(path.join(seeded.dataDir, SECRET_KEY_FILE));
    const keyA = readKeyFile(files.current) ?? Buffer.alloc(0);
    const before = sealedStringsIn(seeded.databaseFile);
    expect(before).toHaveLength(2);
    expect(openableWith(keyA, before)).toBe(2);

    const result = await withStore(seeded, (store) =>
      rotateSecretKey({
        sealedValues: store.sealedValues,
        dataDir: seeded.dataDir,
        configuredKey: undefined,
        newKey: undefined,
      }),
    );

    const keyB = readKeyFile(files.current) ?? Buffer.alloc(0);
    expect(keyB.equals(keyA)).toBe(false);
    expect(result).toEqual({
      origin: { kind: 'file', file: files.current },
      generatedKey: undefined,
      resumed: false,
      rewritten: 2,
      previousKeyFile: files.previous,
    });
    expect(readKeyFile(files.previous)?.equals(keyA)).toBe(true);
    expect(existsSync(files.next)).toBe(false);
    expect(statSync(files.current).mode & 0o777).toBe(0o600);
    expect(statSync(files.previous).mode & 0o777).toBe(0o600);
    const after = sealedStringsIn(seeded.databaseFile);
    expect(after).toHaveLength(2);
    expect(openableWith(keyB, after)).toBe(2);
    expect(openableWith(keyA, after)).toBe(0);

    const server = await startTestServer({ TRIPLINE_DATA_DIR: seeded.dataDir });
    try {
      expect(await deliver(server.url, seeded.subscriptionPath, SUBSCRIPTION_SECRET)).toBe(200);
      expect(await deliver(server.url, seeded.builderPath, BUILDER_SECRET)).toBe(200);
      expect(await deliver(server.url, seeded.subscriptionPath, BUILDER_SECRET)).toBe(401);
      const list = await server.api('GET', '/api/v1/integrations/github/subscriptions');
      expect(list.json.items[0].properties.webhook_secret).toBe(MASKED_SECRET);
    } finally {
      await server.stop();
    }
  });

  it('refuses a wrong current key, leaving the store and the key files as they were', async () => {
    const keyA = randomBytes(32);
    const seeded = await seed({ TRIPLINE_SECRET_KEY: encodeKey(keyA) });
    const before = sealedStringsIn(seeded.databaseFile);
    const keyFiles = () => readdirSync(seeded.dataDir).filter((file) => file.startsWith(SECRET_KEY_FILE));
    expect(keyFiles()).toEqual([]);
    const rotate = (configuredKey: string | undefined) =>
      withStore(seeded, (store) =>
        rotateSecretKey({
          sealedValues: store.sealedValues,
          dataDir: seeded.dataDir,
          configuredKey,
          newKey: undefined,
        }),
      );

    await expect(rotate(encodeKey(randomBytes(32)))).rejects.toThrow(
      /a sealed value does not open with the current secret key from TRIPLINE_SECRET_KEY.*nothing was changed/,
    );
    expect(keyFiles()).toEqual([]);

    const wrongFile = path.join(seeded.dataDir, SECRET_KEY_FILE);
    const wrongKey = randomBytes(32);
    writeKeyFile(wrongFile, wrongKey);
    const failure = await rotate(undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SecretKeyMismatchError);
    expect((failure as Error).message).toContain(wrongFile);
    expect(readKeyFile(wrongFile)?.equals(wrongKey)).toBe(true);
    expect(keyFiles()).toEqual([SECRET_KEY_FILE]);
    expect(sealedStringsIn(seeded.databaseFile)).toEqual(before);
    expect(openableWith(keyA, before)).toBe(2);
  });

  it('with TRIPLINE_SECRET_KEY, shows a generated key before rewriting and writes no key file', async () => {
    const keyA = randomBytes(32);
    const seeded = await seed({ TRIPLINE_SECRET_KEY: encodeKey(keyA) });
    const plans: { plan: RotationPlan; openWithOldKey: number }[] = [];
    const result = await withStore(seeded, (store) =>
      rotateSecretKey({
        sealedValues: store.sealedValues,
        dataDir: seeded.dataDir,
        configuredKey: keyA.toString('hex'),
        newKey: undefined,
        beforeRewrite: (plan) =>
          plans.push({ plan, openWithOldKey: openableWith(keyA, sealedStringsIn(seeded.databaseFile)) }),
      }),
    );
    const generated = result.generatedKey ?? '';
    expect(plans).toEqual([
      {
        plan: { origin: { kind: 'environment' }, generatedKey: generated, resumed: false },
        openWithOldKey: 2,
      },
    ]);
    expect(result).toMatchObject({ rewritten: 2, previousKeyFile: undefined });
    expect(openableWith(Buffer.from(generated, 'base64'), sealedStringsIn(seeded.databaseFile))).toBe(2);
    expect(readdirSync(seeded.dataDir).some((file) => file.startsWith(SECRET_KEY_FILE))).toBe(false);

    const keyC = randomBytes(32);
    const given = await withStore(seeded, (store) =>
      rotateSecretKey({
        sealedValues: store.sealedValues,
        dataDir: seeded.dataDir,
        configuredKey: generated,
        newKey: keyC.toString('hex'),
      }),
    );
    expect(given).toMatchObject({ generatedKey: undefined, rewritten: 2 });
    const server = await startTestServer({
      TRIPLINE_DATA_DIR: seeded.dataDir,
      TRIPLINE_SECRET_KEY: encodeKey(keyC),
    });
    try {
      expect(await deliver(server.url, seeded.subscriptionPath, SUBSCRIPTION_SECRET)).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('finishes an interrupted re-keying with the key it left in secret.key.next', async () => {
    const seeded = await seed();
    const files = keyFilesOf(path.join(seeded.dataDir, SECRET_KEY_FILE));
    const keyA = readKeyFile(files.current) ?? Buffer.alloc(0);
    const keyB = randomBytes(32);
    // As if a run committed the values under B, then stopped before replacing the key file.
    writeKeyFile(files.next, keyB);
    await withStore(seeded, (store) =>
      store.sealedValues.rewriteAll((value) => new SecretBox(keyB).seal(new SecretBox(keyA).open(value))),
    );
    const rotate = (newKey: string | undefined) =>
      withStore(seeded, (store) =>
        rotateSecretKey({
          sealedValues: store.sealedValues,
          dataDir: seeded.dataDir,
          configuredKey: undefined,
          newKey,
        }),
      );

    await expect(rotate(encodeKey(randomBytes(32)))).rejects.toThrow(
      /interrupted re-keying left its new key/,
    );
    expect(await rotate(undefined)).toMatchObject({ resumed: true, rewritten: 2 });
    expect(readKeyFile(files.current)?.equals(keyB)).toBe(true);
    expect(readKeyFile(files.previous)?.equals(keyA)).toBe(true);
    expect(openableWith(keyB, sealedStringsIn(seeded.databaseFile))).toBe(2);
  });

  it('refuses before touching the store when there is no key, or the new key is the current one', async () => {
    const untouched: SealedValueRepository = {
      rewriteAll: () => Promise.reject(new Error('the store must not be touched')),
    };
    const dataDir = path.join(tmpdir(), `tripline-missing-${randomBytes(4).toString('hex')}`);
    await expect(
      rotateSecretKey({ sealedValues: untouched, dataDir, configuredKey: undefined, newKey: undefined }),
    ).rejects.toThrow(/no secret key to replace/);
    const key = encodeKey(randomBytes(32));
    await expect(
      rotateSecretKey({ sealedValues: untouched, dataDir, configuredKey: key, newKey: key }),
    ).rejects.toThrow(/TRIPLINE_NEW_SECRET_KEY holds the current key/);
    await expect(
      rotateSecretKey({ sealedValues: untouched, dataDir, configuredKey: key, newKey: 'short' }),
    ).rejects.toThrow(/TRIPLINE_NEW_SECRET_KEY must hold a 32-byte key/);
    expect(existsSync(dataDir)).toBe(false);
  });
});
