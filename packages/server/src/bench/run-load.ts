import { randomUUID } from 'node:crypto';
import autocannon, { type RawRequest } from 'autocannon';
import type { BenchPayload } from './bench-payload.js';
import { type CpuShare, startCpuMeter } from './cpu-meter.js';

export interface LoadOptions {
  readonly port: number;
  /** Requests go round-robin over these endpoints' URLs. */
  readonly endpoints: readonly string[];
  readonly payload: BenchPayload;
  readonly connections: number;
  readonly durationSeconds?: number;
  /** Stop after this many requests instead of after a duration. */
  readonly amount?: number;
  /** Requests per second over all connections; omitted, as fast as answers come. */
  readonly overallRate?: number;
}

/** One load run, in the figures the report uses. */
export interface LoadSummary extends CpuShare {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/**
 * Drives a server with autocannon: every request a signed GitHub delivery with a unique
 * X-GitHub-Delivery (a repeated id would be answered as a duplicate, which is not the honest case).
 * The ids are random GUIDs, as GitHub's are: sequential ids would land side by side in the
 * duplicate-delivery index and flatter the store (measured: about 15% more deliveries per second).
 */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const { payload } = options;
  const paths = options.endpoints.map((id) => `/triggers/plugin/${id}`);
  const base = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/bench',
    'x-github-event': payload.event,
    'x-github-hook-id': '1',
    'x-hub-signature-256': payload.signature,
  };
  let sequence = 0;
  const setupRequest = (request: RawRequest): RawRequest => {
    sequence += 1;
    request.path = paths[sequence % paths.length] ?? '/';
    request.headers = { ...base, 'x-github-delivery': randomUUID() };
    return request;
  };
  const stopMeter = startCpuMeter();
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}`,
    method: 'POST',
    body: payload.body,
    connections: options.connections,
    ...(options.amount === undefined
      ? { duration: options.durationSeconds ?? 5 }
      : { amount: options.amount }),
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    requests: [{ setupRequest }],
  });
  const cpu = stopMeter();
  return {
    ...cpu,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
