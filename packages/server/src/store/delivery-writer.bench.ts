import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newTimeOrderedId } from '../domain/ids.js';
import { openStore } from './open-store.js';
import type { NewRequestLog } from './records.js';

// Durable delivery writes per second: CONCURRENCY writers, each writing 8 KB bodies back to back,
// as the ingress does under load. Without a database URL, a fresh SQLite file in a temporary
// directory; a PostgreSQL URL must name an empty scratch database.
// Run: npx tsx packages/server/src/store/delivery-writer.bench.ts [seconds] [concurrency] [database URL]

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 256);
const body = randomBytes(8192);
const dir = mkdtempSync(path.join(tmpdir(), 'tripline-bench-'));
const databaseUrl = process.argv[4] ?? `sqlite:${path.join(dir, 'bench.db')}`;
const store = openStore({ databaseUrl });
await store.migrate();

const endpoint = { id: randomUUID(), workspaceId: randomUUID() };
function log(): NewRequestLog {
  return {
    id: newTimeOrderedId(),
    endpointId: endpoint.id,
    workspaceId: endpoint.workspaceId,
    integration: 'github',
    receivedAt: new Date(),
    method: 'POST',
    path: `/triggers/plugin/${endpoint.id}`,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'user-agent': 'GitHub-Hookshot/1',
    },
    body,
    responseStatus: 202,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"ok":true}',
    deliveryId: randomUUID(),
    events: [{ name: 'push' }],
    outcome: 'accepted',
    reason: null,
    dispatchState: 'pending',
    replayOf: null,
  };
}

await store.deliveries.write(log()); // starts the writer thread
let written = 0;
const latencies: number[] = [];
const started = performance.now();
const deadline = started + seconds * 1000;
const loopBefore = performance.eventLoopUtilization();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      await store.deliveries.write(log());
      latencies.push(performance.now() - t);
      written += 1;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const loop = performance.eventLoopUtilization(loopBefore);
await store.close();
rmSync(dir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(1);
process.stdout.write(
  `${store.dialect}: ${written} rows of 8 KB in ${elapsed.toFixed(2)} s with ${concurrency} writers: ${Math.round(written / elapsed)} rows/s; ` +
    `latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; main thread busy ${(loop.utilization * 100).toFixed(0)}%\n`,
);
