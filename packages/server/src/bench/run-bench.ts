import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { askStats, startChild, stopChild } from './bench-child.js';
import { benchPayload } from './bench-payload.js';
import { printReport } from './bench-report.js';
import { type PacedLoadSummary, runPacedLoad } from './paced-load.js';
import { type LoadSummary, runLoad } from './run-load.js';

/**
 * `npm run bench`: the webhook ingress against a bare node:http server on this machine, and
 * against the floor (floor-server.ts: verify, parse and fsync only), which shows how much of the
 * distance to the bare server no ingress can close on this machine. Each server runs in its own process; autocannon runs here with the same connections and the same
 * signed ~8 KB GitHub delivery for all. Runs of the servers alternate, so drift in the machine's
 * speed touches each alike. Settings: BENCH_CONNECTIONS, BENCH_DURATION (s), BENCH_RUNS,
 * BENCH_SUBSCRIPTIONS, BENCH_POSTGRES_URL (a PostgreSQL server to measure on instead of SQLite).
 */
const settings = {
  // autocannon's customary -c 100; no pipelining (webhook senders don't pipeline).
  connections: Number(process.env.BENCH_CONNECTIONS ?? 100),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 5),
  runs: Number(process.env.BENCH_RUNS ?? 3),
  warmupSeconds: 2,
  manySubscriptions: Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000),
  /** The per-endpoint limit, raised so the benchmark measures the ack path rather than 429s. */
  endpointRateLimit: 1_000_000,
  endpointBurst: 10_000_000,
};
/** The store the Tripline servers use: SQLite, or PostgreSQL on the server BENCH_POSTGRES_URL names. */
const storeName = process.env.BENCH_POSTGRES_URL ? 'PostgreSQL' : 'SQLite';
const secret = 'bench webhook secret';
const payload = benchPayload({ secret, targetBytes: 8 * 1024 });
const serverEnv = {
  BENCH_SECRET: secret,
  TRIPLINE_ENDPOINT_RATE_LIMIT: String(settings.endpointRateLimit),
  TRIPLINE_ENDPOINT_BURST: String(settings.endpointBurst),
  // A public-looking base, so the server does not warn about local callback URLs.
  TRIGGER_URL: 'https://tripline.example',
};
type Target = { readonly port: number; readonly endpoints: readonly string[] };

process.once('SIGINT', () => process.exit(130));
console.log(
  `ingress benchmark: ${cpus().length} CPUs, node ${process.version}, autocannon with ${settings.connections} connections ` +
    `(load generator on the same machine), ${settings.runs} x ${settings.durationSeconds} s per figure, medians reported\n` +
    `payload: GitHub ${payload.event}${payload.action ? `.${payload.action}` : ''} from @octokit/webhooks-examples, ` +
    `${payload.body.length} bytes, signed, unique X-GitHub-Delivery per request\n` +
    `Tripline: startServer on ${storeName === 'SQLite' ? 'SQLite in a fresh temp data dir' : 'PostgreSQL (BENCH_POSTGRES_URL), a fresh database per server'}, per-endpoint rate limit raised to ` +
    `${settings.endpointRateLimit}/s (TRIPLINE_ENDPOINT_RATE_LIMIT) and burst ${settings.endpointBurst}\n` +
    // The dispatcher shares the process in the default all-in-one mode; TRIPLINE_ROLES=api,ingress
    // measures the ack path of an ingress-only process as a split deployment runs it.
    `roles: ${process.env.TRIPLINE_ROLES || 'all (api, ingress, worker, scheduler: the dispatcher shares the process)'}\n`,
);

const load = (target: Target, options: { durationSeconds?: number; amount?: number; overallRate?: number }) =>
  runLoad({ ...target, payload, connections: settings.connections, ...options });

async function warmUp(target: Target): Promise<void> {
  // Touch every endpoint once (filling the caches), then run for the warm-up time.
  if (target.endpoints.length > settings.connections) await load(target, { amount: target.endpoints.length });
  await load(target, { durationSeconds: settings.warmupSeconds });
}

function describeRun(label: string, run: number, summary: LoadSummary | PacedLoadSummary): void {
  const cpu =
    'loadGeneratorCores' in summary
      ? `, CPU: load generator ${summary.loadGeneratorCores.toFixed(2)}, machine busy ${summary.machineBusyCores.toFixed(2)} of ${cpus().length}`
      : '';
  console.log(
    `  ${label.padEnd(22)} run ${run}: ${String(Math.round(summary.requestsPerSecond)).padStart(6)} req/s, ` +
      `p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, non-2xx ${summary.non2xx}, errors ${summary.errors}${cpu}`,
  );
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

console.log(`starting servers (seeding ${settings.manySubscriptions} subscriptions takes a while)...`);
const bare = await startChild('./bare-server.js');
const floor = await startChild('./floor-server.js', { BENCH_SECRET: secret });
const one = await startChild('./ingress-server.js', { ...serverEnv, BENCH_SUBSCRIPTIONS: '1' });
const many = await startChild('./ingress-server.js', {
  ...serverEnv,
  BENCH_SUBSCRIPTIONS: String(settings.manySubscriptions),
});
const servers = [
  { label: 'bare node:http', target: bare.ready, runs: [] as LoadSummary[] },
  { label: 'floor (verify + fsync)', target: floor.ready, runs: [] as LoadSummary[] },
  { label: 'Tripline, 1 sub', target: one.ready, runs: [] as LoadSummary[] },
  { label: `Tripline, ${settings.manySubscriptions} subs`, target: many.ready, runs: [] as LoadSummary[] },
  {
    label: `  same, to one endpoint`,
    target: { port: many.ready.port, endpoints: many.ready.endpoints.slice(0, 1) },
    runs: [] as LoadSummary[],
  },
];
console.log('warming up');
for (const server of servers) await warmUp(server.target);
console.log('peak throughput');
for (let run = 1; run <= settings.runs; run += 1) {
  for (const server of servers) {
    const summary = await load(server.target, { durationSeconds: settings.durationSeconds });
    describeRun(server.label, run, summary);
    server.runs.push(summary);
  }
}
const [bareRuns, floorRuns, peakRuns, manyRuns, manyOneRuns] = servers.map((server) => server.runs) as [
  LoadSummary[],
  LoadSummary[],
  LoadSummary[],
  LoadSummary[],
  LoadSummary[],
];
const peak = median(peakRuns.map((run) => run.requestsPerSecond));
const halfRate = Math.max(1, Math.round(peak / 2));
console.log(`ack latency at half of Tripline's peak, ${halfRate} req/s`);
const halfRuns: LoadSummary[] = [];
for (let run = 1; run <= settings.runs; run += 1) {
  const summary = await load(one.ready, { durationSeconds: settings.durationSeconds, overallRate: halfRate });
  describeRun('Tripline, half peak', run, summary);
  halfRuns.push(summary);
}
console.log(
  `the same rate with arrivals spread evenly over each second (autocannon sends each second's quota at once)`,
);
const pacedRuns: PacedLoadSummary[] = [];
for (let run = 1; run <= settings.runs; run += 1) {
  const summary = await runPacedLoad({
    ...one.ready,
    payload,
    rate: halfRate,
    durationSeconds: settings.durationSeconds,
    maxSockets: settings.connections,
  });
  describeRun('Tripline, paced', run, summary);
  pacedRuns.push(summary);
}
console.log('one more run at peak with the delivery writer observed');
await askStats(one.child, 'observe');
await load(one.ready, { durationSeconds: settings.durationSeconds });
const writer = await askStats(one.child, 'stats');
await Promise.all([bare, floor, one, many].map((server) => stopChild(server.child)));

const bareRate = median(bareRuns.map((run) => run.requestsPerSecond));
const floorRate = median(floorRuns.map((run) => run.requestsPerSecond));
const manyRate = median(manyRuns.map((run) => run.requestsPerSecond));
const manyOneRate = median(manyOneRuns.map((run) => run.requestsPerSecond));
const result = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  store: storeName,
  settings,
  payload: { event: payload.event, action: payload.action, bytes: payload.body.length },
  bare: { medianRequestsPerSecond: bareRate, runs: bareRuns },
  floor: { medianRequestsPerSecond: floorRate, runs: floorRuns, ratio: floorRate / bareRate },
  tripline: { medianRequestsPerSecond: peak, runs: peakRuns, ofFloor: peak / floorRate },
  ratio: peak / bareRate,
  goal: 0.5,
  halfPeak: {
    overallRate: halfRate,
    medianP50Ms: median(halfRuns.map((run) => run.p50Ms)),
    medianP99Ms: median(halfRuns.map((run) => run.p99Ms)),
    runs: halfRuns,
    paced: {
      medianP50Ms: median(pacedRuns.map((run) => run.p50Ms)),
      medianP99Ms: median(pacedRuns.map((run) => run.p99Ms)),
      runs: pacedRuns,
    },
  },
  manySubscriptions: {
    subscriptions: settings.manySubscriptions,
    medianRequestsPerSecond: manyRate,
    changeFromOne: manyRate / peak - 1,
    runs: manyRuns,
    oneEndpoint: {
      medianRequestsPerSecond: manyOneRate,
      changeFromOne: manyOneRate / peak - 1,
      runs: manyOneRuns,
    },
  },
  writer,
};
printReport(result);
const dir = path.resolve(process.cwd(), 'bench-output');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `ingress-${result.at.replaceAll(':', '-')}.json`);
const json = `${JSON.stringify(result, null, 2)}\n`;
writeFileSync(file, json);
writeFileSync(path.join(dir, 'ingress-latest.json'), json);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
