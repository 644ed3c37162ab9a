import type { NodeTrace } from '../store/workflow-records.js';

/**
 * Running means over runs' traces (ms resolution, as traces store times): time inside each
 * node, by type and title, and from a run's first node start to its last node end.
 */
export class TraceStats {
  readonly #nodes = new Map<string, { total: number; count: number }>();
  #runTotal = 0;
  #runs = 0;

  add(traces: readonly NodeTrace[]): void {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const trace of traces) {
      if (trace.startedAt === undefined || trace.finishedAt === undefined) continue;
      const started = Date.parse(trace.startedAt);
      const finished = Date.parse(trace.finishedAt);
      first = Math.min(first, started);
      last = Math.max(last, finished);
      const key = `${trace.type} (${trace.title})`;
      const node = this.#nodes.get(key) ?? { total: 0, count: 0 };
      node.total += finished - started;
      node.count += 1;
      this.#nodes.set(key, node);
    }
    this.#runTotal += first === Number.POSITIVE_INFINITY ? 0 : last - first;
    this.#runs += 1;
  }

  meanNodeMs(): Record<string, number> {
    return Object.fromEntries(
      [...this.#nodes].map(([key, node]) => [key, Math.round((node.total / node.count) * 100) / 100]),
    );
  }

  meanRunMs(): number {
    return this.#runs === 0 ? 0 : this.#runTotal / this.#runs;
  }
}
