import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startServer } from '../app.js';
import { loadConfig } from '../config/config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { exitOnSigterm, reportReady } from './bench-child.js';
import { prepareBenchDatabase } from './bench-database.js';
import { WriteObserver } from './write-observer.js';

/**
 * Tripline as `npm start` runs it (startServer, SQLite in a fresh data dir on disk, or PostgreSQL
 * with BENCH_POSTGRES_URL), with BENCH_SUBSCRIPTIONS manual GitHub subscriptions signed with
 * BENCH_SECRET.
 */
const count = Number(process.env.BENCH_SUBSCRIPTIONS ?? '1');
const secret = process.env.BENCH_SECRET ?? 'bench secret';
const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-bench-'));
const secretKey = randomBytes(32);
const database = await prepareBenchDatabase({
  dataDir,
  postgresServer: process.env.BENCH_POSTGRES_URL || undefined,
  secretBox: new SecretBox(secretKey),
  secret,
  count,
});

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  TRIPLINE_DATA_DIR: dataDir,
  TRIPLINE_DATABASE_URL: database.databaseUrl,
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
exitOnSigterm(async () => {
  await server.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});
reportReady({ port: server.port, endpoints: database.endpoints.map((endpoint) => endpoint.id) });
