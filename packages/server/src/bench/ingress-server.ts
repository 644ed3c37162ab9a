import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startServer } from '../app.js';
import { loadConfig } from '../config/config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { openStore } from '../store/open-store.js';
import { reportReady } from './bench-child.js';
import { seedGitHubSubscriptions } from './seed-subscriptions.js';
import { WriteObserver } from './write-observer.js';

/**
 * Tripline as `npm start` runs it (startServer, SQLite in a fresh data dir on disk), with
 * BENCH_SUBSCRIPTIONS manual GitHub subscriptions signed with BENCH_SECRET. Seeding goes through
 * the store port into a scratch file in memory (/dev/shm when there is one) and the finished file is
 * copied in, so 10,000 subscriptions take seconds instead of 10,000 fsyncs.
 */
const count = Number(process.env.BENCH_SUBSCRIPTIONS ?? '1');
const secret = process.env.BENCH_SECRET ?? 'bench secret';
const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-bench-'));
const secretKey = randomBytes(32);

const scratchRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const scratchDir = mkdtempSync(path.join(scratchRoot, 'tripline-bench-seed-'));
const scratchFile = path.join(scratchDir, 'tripline.db');
const seedStore = openStore({ databaseUrl: `sqlite:${scratchFile}` });
await seedStore.migrate();
const seeded = await seedGitHubSubscriptions({
  store: seedStore,
  secretBox: new SecretBox(secretKey),
  secret,
  count,
  now: new Date(),
});
await seedStore.close();
for (const suffix of ['', '-wal', '-shm']) {
  if (existsSync(scratchFile + suffix))
    copyFileSync(scratchFile + suffix, path.join(dataDir, `tripline.db${suffix}`));
}
rmSync(scratchDir, { recursive: true, force: true });

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  TRIPLINE_DATA_DIR: dataDir,
  TRIPLINE_SECRET_KEY: secretKey.toString('base64'),
  TRIPLINE_LOG_LEVEL: process.env.TRIPLINE_LOG_LEVEL ?? 'warn',
});
const server = await startServer({ config, logger: pino({ level: config.logLevel }) });
const observer = new WriteObserver(server.store.deliveries);

process.on('message', (message: { readonly type: string }) => {
  if (message.type === 'observe') {
    observer.start();
    process.send?.({ type: 'stats', stats: {} });
  } else if (message.type === 'stats') {
    process.send?.({ type: 'stats', stats: observer.stop() });
  }
});
process.once('SIGTERM', () => {
  server.close().then(
    () => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
reportReady({ port: server.port, endpoints: seeded.map((endpoint) => endpoint.id) });
