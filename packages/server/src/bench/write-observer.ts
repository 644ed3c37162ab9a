import { performance } from 'node:perf_hooks';
import type { DeliveryWriter } from '../store/store.js';

/**
 * Watches a delivery writer from outside during one diagnostic run: how many rows each group
 * commit took (writes settled in the same turn of the event loop came from one batch), how long a
 * write waited, how busy the main thread and the process were. Wraps `write` only while observing.
 */
export class WriteObserver {
  readonly #writer: DeliveryWriter;
  #original: DeliveryWriter['write'] | undefined;
  #batchSizes: number[] = [];
  #batchEnds: number[] = [];
  #waits: number[] = [];
  #current = 0;
  #startedAt = 0;
  #elu = performance.eventLoopUtilization();
  #cpu = process.cpuUsage();

  constructor(writer: DeliveryWriter) {
    this.#writer = writer;
  }

  start(): void {
    if (this.#original) return;
    const original = this.#writer.write;
    this.#original = original;
    this.#batchSizes = [];
    this.#batchEnds = [];
    this.#waits = [];
    this.#startedAt = performance.now();
    this.#elu = performance.eventLoopUtilization();
    this.#cpu = process.cpuUsage();
    this.#writer.write = (log) => {
      const submitted = performance.now();
      return original.call(this.#writer, log).then((receipt) => {
        this.#settled(submitted);
        return receipt;
      });
    };
  }

  /** Stops observing and summarises. */
  stop(): Record<string, number> {
    if (this.#original) this.#writer.write = this.#original;
    this.#original = undefined;
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const elu = performance.eventLoopUtilization(this.#elu);
    const cpu = process.cpuUsage(this.#cpu);
    const rows = this.#batchSizes.reduce((sum, size) => sum + size, 0);
    const gaps = this.#batchEnds.slice(1).map((end, index) => end - (this.#batchEnds[index] ?? end));
    return {
      seconds: round(seconds),
      rows,
      batches: this.#batchSizes.length,
      meanBatch: round(rows / Math.max(1, this.#batchSizes.length)),
      p50Batch: percentile(this.#batchSizes, 0.5),
      maxBatch: Math.max(0, ...this.#batchSizes),
      meanMsBetweenCommits: round(gaps.reduce((sum, gap) => sum + gap, 0) / Math.max(1, gaps.length)),
      p50WriteWaitMs: round(percentile(this.#waits, 0.5)),
      p99WriteWaitMs: round(percentile(this.#waits, 0.99)),
      mainThreadUtilization: round(elu.utilization),
      processCpuCores: round((cpu.user + cpu.system) / 1e6 / seconds),
    };
  }

  #settled(submitted: number): void {
    const now = performance.now();
    if (this.#waits.length < 1_000_000) this.#waits.push(now - submitted);
    this.#current += 1;
    if (this.#current === 1) {
      setImmediate(() => {
        this.#batchSizes.push(this.#current);
        this.#batchEnds.push(now);
        this.#current = 0;
      });
    }
  }
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
