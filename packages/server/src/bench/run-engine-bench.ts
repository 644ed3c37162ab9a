import { cpus, loadavg } from 'node:os';
import { type EngineBenchResult, runEngineBench } from './engine-bench.js';
import { type LatencyBenchResult, runLatencyBench } from './latency-bench.js';

/** n8n's published figure: up to 220 workflow executions per second on one 2-vCPU instance. */
const N8N_REFERENCE = 220;
const GOALS = { p99Ms: 50, runsPerSecond: 2_000 };

export interface EngineReport {
  /** The 1, 5 and 15 minute load averages when the benchmark started: others' work skews it. */
  readonly loadAverage: readonly number[];
  readonly latency: readonly LatencyBenchResult[];
  readonly throughput: readonly EngineBenchResult[];
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number (got "${process.env[name]}")`);
  }
  return value;
}

/**
 * The engine part of `npm run bench`: event-to-run-start latency at BENCH_EVENT_RATE (500/s) for
 * BENCH_EVENT_SECONDS (10 s) after 2 s of warm-up at that rate, and steady runs per second of the 5-node workflow on one process
 * (BENCH_CONCURRENCY runs at once; BENCH_WARMUP_SECONDS, then BENCH_WINDOWS windows of
 * BENCH_WINDOW_SECONDS, median; BENCH_ENGINE_MAX_RATE runs a second queued ahead), each with the
 * template node and without it. BENCH_TEMPLATE_LATENCY=0 skips the latency run with the template.
 */
export async function runEngineReport(): Promise<EngineReport> {
  const rate = envNumber('BENCH_EVENT_RATE', 500);
  const durationSeconds = envNumber('BENCH_EVENT_SECONDS', 10);
  const concurrency = envNumber('BENCH_CONCURRENCY', 64);
  const warmupSeconds = envNumber('BENCH_WARMUP_SECONDS', 1);
  const windowSeconds = envNumber('BENCH_WINDOW_SECONDS', 3);
  const windows = Math.round(envNumber('BENCH_WINDOWS', 3));
  const maxRate = envNumber('BENCH_ENGINE_MAX_RATE', 12_000);
  const loadAverage = loadavg().map((load) => Math.round(load * 100) / 100);
  console.log(
    `\nengine benchmark: ${cpus().length} CPUs, node ${process.version}, load average ${loadAverage.join(' / ')}; ` +
      '5-node workflow: GitHub trigger -> variable aggregator -> if-else -> template (or a second ' +
      'aggregator) -> end, on SQLite',
  );
  const latency: LatencyBenchResult[] = [];
  const latencyVariants = process.env.BENCH_TEMPLATE_LATENCY === '0' ? [false] : [true, false];
  for (const template of latencyVariants) {
    const result = await runLatencyBench({ rate, durationSeconds, warmUpSeconds: 2, template });
    latency.push(result);
    console.log(
      `  event -> first node, ${rate} events/s for ${durationSeconds} s after ${result.warmUpSeconds} s warm-up, ${template ? 'with template' : 'no template  '}: ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms ` +
        `(acked ${result.acked}/${result.sent}, runs ${result.runs}, succeeded ${result.succeeded}, ` +
        `${result.beforeAck} started before the ack arrived) - goal p99 < ${GOALS.p99Ms} ms: ` +
        `${result.p99Ms < GOALS.p99Ms ? 'met' : 'MISSED'}`,
    );
    console.log(`    p99 ms by second of sending: ${result.p99BySecondMs.join(', ')}`);
  }
  const throughput: EngineBenchResult[] = [];
  for (const template of [true, false]) {
    const result = await runEngineBench({
      template,
      concurrency,
      warmupSeconds,
      windowSeconds,
      windows,
      maxRate,
    });
    throughput.push(result);
    const perWindow = result.windows.map((window) => Math.round(window.runsPerSecond)).join(', ');
    console.log(
      `  runs/s, ${template ? 'with template' : 'no template  '}: ${Math.round(result.runsPerSecond)} ` +
        `(median of ${perWindow} over ${windows} x ${windowSeconds} s after ${warmupSeconds} s warm-up; ` +
        `${result.succeeded}/${result.runs} succeeded, concurrency ${concurrency}` +
        `${result.queueRanDry ? `; the ${result.queued} queued runs ran out: raise BENCH_ENGINE_MAX_RATE` : ''}; ` +
        `n8n publishes up to ${N8N_REFERENCE}/s on 2 vCPUs) - goal > ${GOALS.runsPerSecond}/s: ` +
        `${result.runsPerSecond > GOALS.runsPerSecond && !result.queueRanDry ? 'met' : 'MISSED'}`,
    );
    console.log(
      `    mean ms per node: ${Object.entries(result.meanNodeMs)
        .map(([node, ms]) => `${node} ${ms}`)
        .join(', ')}; mean run ${result.meanRunMs.toFixed(2)} ms`,
    );
  }
  return { loadAverage, latency, throughput };
}
