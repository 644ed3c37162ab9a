import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS, hashToken, minutesAfter, newLog, seedWorkspace, T0 } from '../contract-fixtures.js';
import { expectDeliveryCommitsCounted } from '../delivery-commits.test-helpers.js';
import { openStore } from '../open-store.js';
import { describeStoreContract } from '../store.contract.js';
import { startSqliteBootstrapContender } from './sqlite-bootstrap-contender.test-helpers.js';
import { SqliteDeliveryWriter } from './sqlite-delivery-writer.js';
import { SqliteStore } from './sqlite-store.js';
import { SqliteWriterThread } from './sqlite-writer-thread.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tripline-sqlite-'));
// One writer thread for every store of this file: starting one from TypeScript sources costs
// about half a second.
const writerThread = new SqliteWriterThread();
afterAll(async () => {
  await writerThread.stop();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const freshFile = () => path.join(dir, `store-${++files}.db`);
const fileOf = new Map<object, string>();

describeStoreContract(
  'sqlite',
  async () => {
    const file = freshFile();
    const store = new SqliteStore({ file, writerThread });
    fileOf.set(store, file);
    return store;
  },
  {
    // The peer writes through a thread of its own, as another process would.
    openPeer: async (store) => new SqliteStore({ file: fileOf.get(store)! }),
    openBootstrapContender: async (store) => startSqliteBootstrapContender(fileOf.get(store)!),
  },
);

describe('sqlite store adapter', () => {
  it('openStore opens SQLite from a sqlite: URL and refuses an in-memory database', async () => {
    const store = openStore({ databaseUrl: `sqlite:${path.join(dir, 'nested', 'deeper', 'open.db')}` });
    try {
      expect(store.dialect).toBe('sqlite');
      expect(await store.migrate()).toEqual([...ALL_MIGRATIONS]);
    } finally {
      await store.close();
    }
    expect(() => openStore({ databaseUrl: 'sqlite::memory:' })).toThrow(/must name a file/);
    expect(() => openStore({ databaseUrl: 'mysql://u:secret@host/db' })).toThrow(/got "host\/db"/);
  });

  it('authenticate writes a token last use at most once a minute', async () => {
    const file = freshFile();
    const store = new SqliteStore({ file });
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await store.migrate();
      const seeded = await seedWorkspace(store);
      const lastUsed = () =>
        (
          reader.prepare('select last_used_at from api_tokens where id = ?').get(seeded.tokenId) as {
            last_used_at: number | null;
          }
        ).last_used_at;
      expect(lastUsed()).toBeNull();
      await store.workspaces.authenticate(seeded.tokenHash, T0);
      expect(lastUsed()).toBe(T0.getTime());
      await store.workspaces.authenticate(seeded.tokenHash, minutesAfter(T0, 0.5));
      expect(lastUsed()).toBe(T0.getTime());
      await store.workspaces.authenticate(seeded.tokenHash, minutesAfter(T0, 1));
      expect(lastUsed()).toBe(minutesAfter(T0, 1).getTime());
      expect(await store.workspaces.authenticate(hashToken('nobody'), T0)).toBeUndefined();
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('the delivery writer rejects writes when the thread cannot open the database, and closes', async () => {
    const writer = new SqliteDeliveryWriter({
      file: path.join(dir, 'missing-dir', 'no.db'),
      thread: writerThread,
    });
    const endpoint = { id: 'e', workspaceId: 'w' };
    await expect(writer.write(newLog(endpoint))).rejects.toThrow(/cannot open .*no\.db/);
    await expect(writer.write(newLog(endpoint))).rejects.toThrow(/cannot open/);
    await expect(writer.close()).resolves.toBeUndefined();
  });

  it('the delivery writer rejects what is in flight when its thread dies, never hangs', async () => {
    const file = freshFile();
    // A delay longer than the test: writes after the death stay refused.
    const thread = new SqliteWriterThread({ restartDelayMs: 60_000 });
    const store = new SqliteStore({ file, writerThread: thread });
    try {
      await store.migrate();
      const endpoint = { id: 'e', workspaceId: 'w' };
      await store.deliveries.write(newLog(endpoint));
      const inFlight = Array.from({ length: 50 }, () => store.deliveries.write(newLog(endpoint)));
      await new Promise((resolve) => setImmediate(resolve));
      await thread.terminate();
      const results = await Promise.allSettled(inFlight);
      expect(results.some((result) => result.status === 'rejected')).toBe(true);
      await expect(store.deliveries.write(newLog(endpoint))).rejects.toThrow(/exited/);
    } finally {
      await store.close();
    }
  });

  it('tells how many deliveries each committed transaction wrote', async () => {
    await expectDeliveryCommitsCounted(
      async (onDeliveryCommit) => new SqliteStore({ file: freshFile(), onDeliveryCommit }),
    );
  });

  it('the delivery writer starts a new thread after the delay, with its connections, and keeps every write it answered', async () => {
    const file = freshFile();
    const thread = new SqliteWriterThread({ restartDelayMs: 50 });
    const store = new SqliteStore({ file, writerThread: thread });
    try {
      await store.migrate();
      const endpoint = { id: 'e', workspaceId: 'w' };
      const before = newLog(endpoint);
      await store.deliveries.write(before);
      const inFlight = Array.from({ length: 50 }, () => newLog(endpoint));
      const settled = Promise.allSettled(inFlight.map((log) => store.deliveries.write(log)));
      await new Promise((resolve) => setImmediate(resolve));
      await thread.terminate();
      const results = await settled;
      await expect(store.deliveries.write(newLog(endpoint))).rejects.toThrow(/exited/);

      await new Promise((resolve) => setTimeout(resolve, 80));
      const after = newLog(endpoint);
      await expect(store.deliveries.write(after)).resolves.toEqual({ duplicate: false, id: after.id });
      // What was answered as stored is stored; what was refused may or may not be (the sender retries).
      const answered = inFlight.filter((_log, index) => results[index]?.status === 'fulfilled');
      for (const log of [before, ...answered, after]) {
        expect(await store.requestLogs.get('w', 'e', log.id)).toMatchObject({ id: log.id });
      }
    } finally {
      await store.close();
    }
  });
});
