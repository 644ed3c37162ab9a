import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { startServer } from '../app.js';
import { loadConfig } from '../config/config.js';
import { exitOnSigterm, reportReady } from './bench-child.js';

/**
 * Tripline as `npm start` runs it (all roles, SQLite in a fresh data dir) with BENCH_TOKEN as the
 * owner's token. Asked for `runs`, it answers each run's delivery id, status and trace, read
 * from the database file on a second connection.
 */
const token = process.env.BENCH_TOKEN ?? 'tl_bench-owner-token-0123456789abcdef';
const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-bench-runs-'));
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  TRIPLINE_DATA_DIR: dataDir,
  TRIPLINE_BOOTSTRAP_TOKEN: token,
  TRIPLINE_LOG_LEVEL: process.env.TRIPLINE_LOG_LEVEL ?? 'warn',
});
const server = await startServer({ config, logger: pino({ level: config.logLevel }) });
const reader = new Database(path.join(dataDir, 'tripline.db'), { readonly: true });
const query = reader.prepare(
  `select l.delivery_id as deliveryId, r.status as status, r.trace as trace
     from runs r join request_logs l on l.id = r.delivery_log_id`,
);

process.on('message', (message: { readonly type: string }) => {
  if (message.type === 'runs') {
    const rows = query.all() as { deliveryId: string; status: string; trace: string }[];
    const runs = rows.map((row) => {
      const trace = JSON.parse(row.trace) as { startedAt?: string }[];
      return { deliveryId: row.deliveryId, status: row.status, firstNodeAt: trace[0]?.startedAt };
    });
    process.send?.({ type: 'stats', stats: { runs } });
  }
});
exitOnSigterm(async () => {
  reader.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});
reportReady({ port: server.port, endpoints: [] });
