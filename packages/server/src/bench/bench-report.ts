import type { LoadSummary } from './run-load.js';

export interface BenchResult {
  readonly machine: { readonly cpus: number };
  readonly store: string;
  readonly settings: {
    readonly connections: number;
    readonly runs: number;
    readonly durationSeconds: number;
  };
  readonly bare: { readonly medianRequestsPerSecond: number; readonly runs: readonly LoadSummary[] };
  readonly floor: {
    readonly medianRequestsPerSecond: number;
    readonly runs: readonly LoadSummary[];
    readonly ratio: number;
  };
  readonly tripline: {
    readonly medianRequestsPerSecond: number;
    readonly runs: readonly LoadSummary[];
    readonly ofFloor: number;
  };
  readonly ratio: number;
  readonly goal: number;
  readonly halfPeak: {
    readonly overallRate: number;
    readonly medianP50Ms: number;
    readonly medianP99Ms: number;
    readonly paced: { readonly medianP50Ms: number; readonly medianP99Ms: number };
  };
  readonly manySubscriptions: {
    readonly subscriptions: number;
    readonly medianRequestsPerSecond: number;
    readonly changeFromOne: number;
    readonly runs: readonly LoadSummary[];
    readonly oneEndpoint: {
      readonly medianRequestsPerSecond: number;
      readonly changeFromOne: number;
      readonly runs: readonly LoadSummary[];
    };
  };
  readonly writer: Readonly<Record<string, unknown>> | undefined;
}

/** The summary table `npm run bench` ends with. */
export function printReport(result: BenchResult): void {
  const failures = (runs: readonly LoadSummary[]) =>
    runs.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0);
  const rows: [string, string, string][] = [
    ['measurement', 'median', 'notes'],
    [
      'bare node:http, req/s',
      fmt(result.bare.medianRequestsPerSecond),
      `runs ${result.bare.runs.map((run) => fmt(run.requestsPerSecond)).join(' / ')}`,
    ],
    [
      `Tripline ingress (${result.store}), req/s`,
      fmt(result.tripline.medianRequestsPerSecond),
      `runs ${result.tripline.runs.map((run) => fmt(run.requestsPerSecond)).join(' / ')}; failed answers ${failures(result.tripline.runs)}`,
    ],
    [
      'ratio Tripline / bare',
      result.ratio.toFixed(2),
      result.ratio >= result.goal ? `meets the goal >= ${result.goal}` : `BELOW the goal of ${result.goal}`,
    ],
    [
      'floor: verify + parse + fsync, req/s',
      fmt(result.floor.medianRequestsPerSecond),
      `runs ${result.floor.runs.map((run) => fmt(run.requestsPerSecond)).join(' / ')}; no log, no index, no duplicate check`,
    ],
    [
      '  ratio floor / bare',
      result.floor.ratio.toFixed(2),
      'one event loop that only verifies, parses and stores durably, against bare',
    ],
    [
      '  ratio Tripline / floor',
      result.tripline.ofFloor.toFixed(2),
      "the part of the floor's rate Tripline keeps while logging, indexing and deduplicating",
    ],
    [
      'CPU at peak, cores: load generator',
      `${cores(result.bare.runs, 'loadGeneratorCores')} / ${cores(result.floor.runs, 'loadGeneratorCores')} / ${cores(result.tripline.runs, 'loadGeneratorCores')}`,
      `bare / floor / Tripline, medians; autocannon shares the machine's ${result.machine.cpus} CPUs with the server it loads`,
    ],
    [
      '  machine busy (all processes)',
      `${cores(result.bare.runs, 'machineBusyCores')} / ${cores(result.floor.runs, 'machineBusyCores')} / ${cores(result.tripline.runs, 'machineBusyCores')}`,
      `bare / floor / Tripline, medians, of ${result.machine.cpus}`,
    ],
    [
      `ack latency p50 / p99 at ${fmt(result.halfPeak.overallRate)} req/s`,
      `${result.halfPeak.medianP50Ms} / ${result.halfPeak.medianP99Ms} ms`,
      'half the peak rate, autocannon overallRate (bursts: each second starts at full speed)',
    ],
    [
      `  same rate, arrivals evenly paced`,
      `${result.halfPeak.paced.medianP50Ms} / ${result.halfPeak.paced.medianP99Ms} ms`,
      'node:http client, open loop, latency from when each request was due',
    ],
    [
      `Tripline with ${fmt(result.manySubscriptions.subscriptions)} subscriptions, req/s`,
      fmt(result.manySubscriptions.medianRequestsPerSecond),
      `${signed(result.manySubscriptions.changeFromOne)} vs 1 subscription; requests spread over all endpoints; failed answers ${failures(result.manySubscriptions.runs)}`,
    ],
    [
      `  same, all requests to one endpoint, req/s`,
      fmt(result.manySubscriptions.oneEndpoint.medianRequestsPerSecond),
      `${signed(result.manySubscriptions.oneEndpoint.changeFromOne)} vs 1 subscription; failed answers ${failures(result.manySubscriptions.oneEndpoint.runs)}`,
    ],
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  console.log('');
  for (const [index, row] of rows.entries()) {
    console.log(`${row[0].padEnd(widths[0] ?? 0)}  ${row[1].padStart(widths[1] ?? 0)}  ${row[2]}`);
    if (index === 0) console.log('-'.repeat((widths[0] ?? 0) + (widths[1] ?? 0) + 40));
  }
  if (result.writer) {
    console.log('\ndelivery writer during one run at peak (observed from the server process):');
    console.log(
      Object.entries(result.writer)
        .map(([name, value]) => `  ${name}: ${value}`)
        .join('\n'),
    );
  }
}

/** The median of one CPU figure over runs, in cores. */
function cores(runs: readonly LoadSummary[], field: 'loadGeneratorCores' | 'machineBusyCores'): string {
  const sorted = runs.map((run) => run[field]).sort((a, b) => a - b);
  return (sorted[Math.floor(sorted.length / 2)] ?? Number.NaN).toFixed(2);
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function signed(fraction: number): string {
  const percent = (fraction * 100).toFixed(1);
  return fraction >= 0 ? `+${percent}%` : `${percent}%`;
}
