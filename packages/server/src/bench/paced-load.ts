import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchPayload } from './bench-payload.js';

export interface PacedLoadOptions {
  readonly port: number;
  readonly endpoints: readonly string[];
  readonly payload: BenchPayload;
  /** Requests per second, spread evenly over each second. */
  readonly rate: number;
  readonly durationSeconds: number;
  /** Concurrent connections at most; more waiting requests queue in the agent (and count as latency). */
  readonly maxSockets: number;
}

export interface PacedLoadSummary {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

const TICK_MS = 2;

/**
 * An open-loop load with arrivals spread evenly in time, for latency at a given rate. (autocannon's
 * `overallRate` sends each connection's quota for a second as fast as it can and then waits for the
 * next second, so its latencies are those of bursts at full speed.) Latency runs from the moment a
 * request was due to the end of its answer, so a slow server cannot hide queueing.
 */
export async function runPacedLoad(options: PacedLoadOptions): Promise<PacedLoadSummary> {
  const { payload } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const latencies: number[] = [];
  let sent = 0;
  let non2xx = 0;
  let errors = 0;
  let pending = 0;
  const startedAt = performance.now();
  const endAt = startedAt + options.durationSeconds * 1000;
  let allSent: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allSent = resolve;
  });
  const settle = (): void => {
    pending -= 1;
    if (pending === 0 && performance.now() >= endAt) allSent();
  };
  const sendOne = (dueAt: number): void => {
    sent += 1;
    pending += 1;
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: options.port,
        method: 'POST',
        path: `/triggers/plugin/${options.endpoints[sent % options.endpoints.length]}`,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.body.length,
          'user-agent': 'GitHub-Hookshot/bench',
          'x-github-event': payload.event,
          'x-github-hook-id': '1',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': payload.signature,
        },
      },
      (response) => {
        if (response.statusCode === undefined || response.statusCode >= 300) non2xx += 1;
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - dueAt);
          settle();
        });
      },
    );
    request.on('error', () => {
      errors += 1;
      settle();
    });
    request.end(payload.body);
  };
  const timer = setInterval(() => {
    const now = Math.min(performance.now(), endAt);
    // Request i (from 0) is due at i / rate seconds.
    const due = Math.min(
      Math.floor(((now - startedAt) / 1000) * options.rate) + 1,
      Math.ceil(options.durationSeconds * options.rate),
    );
    for (let index = sent; index < due; index += 1) {
      sendOne(startedAt + (index / options.rate) * 1000);
    }
    if (now >= endAt) {
      clearInterval(timer);
      if (pending === 0) allSent();
    }
  }, TICK_MS);
  await finished;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0);
  return {
    requestsPerSecond: latencies.length / options.durationSeconds,
    total: latencies.length,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    non2xx,
    errors,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
