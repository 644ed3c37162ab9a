import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { signGitHubBody } from '@tripline/sdk';
import { askStats, startChild, stopChild } from './bench-child.js';
import { benchWorkflow, PULL_REQUEST_OPENED } from './bench-workflow.js';

export interface LatencyBenchResult {
  readonly template: boolean;
  readonly rate: number;
  readonly durationSeconds: number;
  /** Sent at the same rate before the measured seconds and left out of every figure. */
  readonly warmUpSeconds: number;
  readonly sent: number;
  readonly acked: number;
  readonly runs: number;
  readonly succeeded: number;
  /** From the ack (the sender has the whole answer) to the run's first node starting. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Runs whose first node started before the sender saw the ack (the answer was still in flight). */
  readonly beforeAck: number;
  /**
   * p99 of the deliveries sent in each second: a tail from a stall (another process, a
   * checkpoint, a pause) shows in one or two seconds, a steady queue in all of them.
   */
  readonly p99BySecondMs: readonly number[];
}

const TOKEN = 'tl_bench-owner-token-0123456789abcdef';

/**
 * Event-to-run-start latency: the real server in a child process (all roles, SQLite) with one
 * GitHub subscription and the 5-node bench workflow; signed deliveries, each with its own
 * delivery id, arrive evenly at `rate` per second. Each run's first node start (from its trace)
 * minus the moment this process received that delivery's 2xx; one machine, one clock. The first
 * `warmUpSeconds` at the same rate are not measured: they open the sender's connections and
 * compile the hot paths, which is start-up, not the steady latency this measures.
 */
export async function runLatencyBench(input: {
  readonly rate: number;
  readonly durationSeconds: number;
  readonly warmUpSeconds: number;
  readonly template: boolean;
}): Promise<LatencyBenchResult> {
  const { child, ready } = await startChild('./run-server.js', {
    BENCH_TOKEN: TOKEN,
    TRIPLINE_ENDPOINT_RATE_LIMIT: '1000000',
    TRIPLINE_ENDPOINT_BURST: '10000000',
    TRIGGER_URL: 'https://tripline.example',
  });
  try {
    const base = `http://127.0.0.1:${ready.port}/api/v1`;
    const call = async (method: string, route: string, body?: string, type = 'application/json') => {
      const response = await fetch(`${base}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': type }),
        },
        ...(body === undefined ? {} : { body }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const builder = await call(
      'POST',
      '/integrations/github/subscription-builders',
      JSON.stringify({ method: 'manual' }),
    );
    const subscriptionId = String(builder.id);
    const secret = String((builder.properties as Record<string, unknown>).webhook_secret);
    await call('POST', `/subscription-builders/${subscriptionId}/build`);
    const workflow = await call(
      'POST',
      '/workflows',
      benchWorkflow({ subscriptionId, template: input.template }),
      'application/yaml',
    );
    await call('POST', `/workflows/${String(workflow.id)}/publish`);

    const body = Buffer.from(JSON.stringify(PULL_REQUEST_OPENED));
    const send = (durationSeconds: number) =>
      sendPaced({
        port: ready.port,
        path: `/triggers/plugin/${subscriptionId}`,
        body,
        signature: signGitHubBody(body, secret),
        rate: input.rate,
        durationSeconds,
      });
    if (input.warmUpSeconds > 0) await finishedRuns(child, await send(input.warmUpSeconds));
    const acks = await send(input.durationSeconds);
    const runs = await finishedRuns(child, acks);
    const bySecond: number[][] = [];
    const latencies = runs.flatMap((run) => {
      const ackedAt = acks.get(run.deliveryId);
      if (ackedAt === undefined || run.firstNodeAt === undefined) return [];
      const latency = Date.parse(run.firstNodeAt) - ackedAt;
      // Delivery ids end with their send order; sends are evenly paced at `rate` a second.
      const second = Math.floor(
        Number(run.deliveryId.slice(run.deliveryId.lastIndexOf('-') + 1)) / input.rate,
      );
      const bucket = bySecond[second] ?? [];
      bucket.push(latency);
      bySecond[second] = bucket;
      return [latency];
    });
    const at = (sorted: readonly number[], q: number) =>
      Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
    latencies.sort((a, b) => a - b);
    return {
      template: input.template,
      rate: input.rate,
      durationSeconds: input.durationSeconds,
      warmUpSeconds: input.warmUpSeconds,
      sent: Math.round(input.rate * input.durationSeconds),
      acked: acks.size,
      runs: runs.length,
      succeeded: runs.filter((run) => run.status === 'succeeded').length,
      p50Ms: at(latencies, 0.5),
      p99Ms: at(latencies, 0.99),
      maxMs: at(latencies, 1),
      beforeAck: latencies.filter((ms) => ms < 0).length,
      p99BySecondMs: Array.from(bySecond, (second) =>
        at(
          [...(second ?? [])].sort((a, b) => a - b),
          0.99,
        ),
      ),
    };
  } finally {
    await stopChild(child);
  }
}

interface BenchRun {
  readonly deliveryId: string;
  readonly status: string;
  readonly firstNodeAt?: string;
}

/** The runs of the acked deliveries, once every one has finished (or after two minutes, those there are). */
async function finishedRuns(child: ChildProcess, acks: ReadonlyMap<string, number>): Promise<BenchRun[]> {
  let runs: BenchRun[] = [];
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const stats = await askStats(child, 'runs');
    runs = ((stats?.runs as BenchRun[] | undefined) ?? []).filter((run) => acks.has(run.deliveryId));
    if (
      runs.length >= acks.size &&
      runs.every((run) => run.status === 'succeeded' || run.status === 'failed')
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return runs;
}

/** Sends `rate` requests a second, evenly spaced; answers each acked delivery id with its ack time (epoch ms). */
async function sendPaced(input: {
  readonly port: number;
  readonly path: string;
  readonly body: Buffer;
  readonly signature: string;
  readonly rate: number;
  readonly durationSeconds: number;
}): Promise<Map<string, number>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const prefix = randomBytes(6).toString('hex');
  const total = Math.round(input.rate * input.durationSeconds);
  const acks = new Map<string, number>();
  const intervalMs = 1000 / input.rate;
  const startedAt = performance.now();
  let sent = 0;
  let pending = 0;
  await new Promise<void>((resolve) => {
    const sendOne = () => {
      const deliveryId = `${prefix}-${sent}`;
      sent += 1;
      pending += 1;
      const request = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: input.port,
          method: 'POST',
          path: input.path,
          headers: {
            'content-type': 'application/json',
            'content-length': input.body.length,
            'x-github-event': 'pull_request',
            'x-github-delivery': deliveryId,
            'x-hub-signature-256': input.signature,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode !== undefined && response.statusCode < 300) {
              acks.set(deliveryId, performance.timeOrigin + performance.now());
            }
            pending -= 1;
            if (sent === total && pending === 0) resolve();
          });
        },
      );
      request.on('error', () => {
        pending -= 1;
        if (sent === total && pending === 0) resolve();
      });
      request.end(input.body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
      while (sent < due) sendOne();
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  return acks;
}
