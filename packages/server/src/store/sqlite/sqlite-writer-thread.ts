import type { Worker } from 'node:worker_threads';
import type { Logger } from '@tripline/sdk';
import type { BatchOutcome } from '../group-commit.js';
import type { NewRequestLog } from '../records.js';
import type { DeliveryReceipt } from '../store.js';
import { BodyRing, type RingRegion } from './body-ring.js';
import {
  bodiesSize,
  type DeliveryWorkerSetup,
  type DispatchMark,
  encodeBatch,
  type FromDeliveryWorker,
  type ToDeliveryWorker,
  type WireBodies,
} from './delivery-worker-protocol.js';
import { startSiblingWorker } from './start-sibling-worker.js';

type Outcomes = readonly BatchOutcome<DeliveryReceipt>[];

interface Request {
  readonly resolve: (outcomes: Outcomes) => void;
  readonly reject: (error: Error) => void;
  readonly region?: RingRegion;
  readonly onCommit?: (rows: number) => void;
}

export interface SqliteWriterThreadOptions {
  readonly logger?: Logger;
  /** Bytes of the shared ring that carries bodies; a batch that does not fit goes in its own buffer. */
  readonly ringBytes?: number;
  /**
   * How long writes are refused after the thread died before a new one starts; doubled for each
   * death within a minute of its start, up to 30 s. Default 100 ms.
   */
  readonly restartDelayMs?: number;
}

/** A thread that lived this long counts as healthy: its death starts the delays over. */
const HEALTHY_LIFE_MS = 60_000;
const LONGEST_RESTART_DELAY_MS = 30_000;

/**
 * The thread that writes deliveries into SQLite, seen from the thread that owns it. It starts on
 * first use and may serve several database files (one connection each); a store makes its own
 * unless given one to share.
 *
 * If the thread dies (a defect, or its heap ran out), what it was writing is refused (the
 * ingress answers 503, so senders retry and nothing is taken for stored that is not) and, after
 * a short delay, the next write starts a new thread that opens the same connections again: the
 * service does not keep refusing deliveries until someone restarts the process.
 */
export class SqliteWriterThread {
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly requests = new Map<number, Request>();
  private nextId = 1;
  /** Why writes are refused now: the thread died and is not restarted before `restartAt`. */
  private failure: Error | undefined;
  private restartAt = 0;
  private restartDelayMs: number;
  private startedAt = 0;
  private stopping = false;
  private readonly ring: BodyRing;
  /** Every open connection, to open again in a new thread. */
  private readonly connections = new Map<number, { readonly file: string; readonly busyTimeoutMs: number }>();

  constructor(private readonly options: SqliteWriterThreadOptions = {}) {
    this.ring = new BodyRing(options.ringBytes ?? 32 * 1024 * 1024);
    this.restartDelayMs = this.firstRestartDelayMs();
  }

  /** Opens a connection to `file` in the thread; answers its number for `write` and `closeConnection`. */
  open(file: string, busyTimeoutMs: number): number {
    const connection = this.nextId++;
    this.connections.set(connection, { file, busyTimeoutMs });
    // While the thread is down, the new thread opens it with the others.
    if (this.failure === undefined) this.post({ type: 'open', connection, file, busyTimeoutMs });
    return connection;
  }

  /**
   * Writes one batch in one transaction (with the batches that queued up beside it); resolves
   * once it is committed. `onCommit` is told how many deliveries that transaction wrote.
   */
  write(
    connection: number,
    logs: readonly NewRequestLog[],
    onCommit?: (rows: number) => void,
  ): Promise<Outcomes> {
    const refused = this.refusal();
    if (refused !== undefined) return Promise.reject(refused);
    const size = bodiesSize(logs);
    const region = size > 0 ? this.ring.reserve(size) : undefined;
    if (region !== undefined || size === 0) {
      const wire = encodeBatch(logs, this.ring.bytes.subarray(region?.start ?? 0, region?.end ?? 0));
      const bodies: WireBodies = { kind: 'ring', start: region?.start ?? 0, length: size };
      return this.request((requestId) => ({ type: 'batch', connection, requestId, logs: wire, bodies }), {
        region,
        onCommit,
      });
    }
    // Too big for the ring's free space (huge bodies, or a backlog): a buffer of its own.
    const buffer = new ArrayBuffer(size);
    const wire = encodeBatch(logs, new Uint8Array(buffer));
    const bodies: WireBodies = { kind: 'buffer', buffer };
    return this.request((requestId) => ({ type: 'batch', connection, requestId, logs: wire, bodies }), {
      transfer: [buffer],
      onCommit,
    });
  }

  /** Marks deliveries dispatched, in the next transaction; resolves once it is committed. */
  async mark(connection: number, dispatchedAt: number, marks: readonly DispatchMark[]): Promise<void> {
    await this.request((requestId) => ({ type: 'marks', connection, requestId, dispatchedAt, marks }));
  }

  async closeConnection(connection: number): Promise<void> {
    this.connections.delete(connection);
    if (this.failure !== undefined || this.worker === undefined) return;
    await this.request((requestId) => ({ type: 'close', connection, requestId }));
  }

  /** Closes every connection and ends the thread; what is in flight is rejected if it dies. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.worker !== undefined && this.failure === undefined) {
      // Referenced again so the process waits for the thread to close its connections.
      this.worker.ref();
      this.post({ type: 'exit' });
    }
    await this.exited;
  }

  /** Ends the thread at once, as a crash would: what is in flight is refused, and it restarts. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
    await this.exited;
  }

  /**
   * Why a write must be refused now, or nothing. Once the delay after a death is over, the next
   * write starts a new thread that opens the connections again, before its own message.
   */
  private refusal(): Error | undefined {
    if (this.failure === undefined) return undefined;
    if (this.stopping || Date.now() < this.restartAt) return this.failure;
    this.failure = undefined;
    this.worker = this.start();
    for (const [connection, { file, busyTimeoutMs }] of this.connections)
      this.worker.postMessage({ type: 'open', connection, file, busyTimeoutMs } satisfies ToDeliveryWorker);
    this.options.logger?.info(
      { connections: this.connections.size },
      'the SQLite delivery writer thread started again',
    );
    return undefined;
  }

  private request(
    message: (requestId: number) => ToDeliveryWorker,
    extras: {
      readonly region?: RingRegion | undefined;
      readonly transfer?: ArrayBuffer[];
      readonly onCommit?: ((rows: number) => void) | undefined;
    } = {},
  ): Promise<Outcomes> {
    const { region, transfer = [], onCommit } = extras;
    const refused = this.refusal();
    if (refused !== undefined) {
      if (region !== undefined) this.ring.release(region);
      return Promise.reject(refused);
    }
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.requests.set(requestId, { resolve, reject, region, onCommit });
      // Keep the process alive while a batch is on its way to disk; idle, the thread holds nothing up.
      this.post(message(requestId), transfer);
      this.worker?.ref();
    });
  }

  private post(message: ToDeliveryWorker, transfer: ArrayBuffer[] = []): void {
    this.worker ??= this.start();
    this.worker.postMessage(message, transfer);
  }

  private start(): Worker {
    const setup: DeliveryWorkerSetup = { ring: this.ring.buffer };
    const worker = startSiblingWorker(import.meta.url, 'sqlite-delivery-worker', { workerData: setup });
    this.startedAt = Date.now();
    worker.unref();
    worker.on('message', (message: FromDeliveryWorker) => this.settle(message));
    worker.on('error', (error) => this.fail(worker, error));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        this.fail(worker, new Error(`the SQLite delivery writer thread exited (code ${code})`));
        resolve();
      });
    });
    return worker;
  }

  private settle(message: FromDeliveryWorker): void {
    const request = this.requests.get(message.requestId);
    this.requests.delete(message.requestId);
    if (this.requests.size === 0 && !this.stopping) this.worker?.unref();
    if (request === undefined) return;
    // The thread has finished with the bodies once it answers.
    if (request.region !== undefined) this.ring.release(request.region);
    if (message.type === 'failed') request.reject(new Error(message.message));
    else if (message.type === 'closed' || message.type === 'marked') request.resolve([]);
    else {
      if (message.committedRows !== undefined) request.onCommit?.(message.committedRows);
      request.resolve(
        message.outcomes.map((outcome) =>
          outcome.ok
            ? { ok: true, value: outcome.receipt }
            : { ok: false, error: new Error(outcome.message) },
        ),
      );
    }
  }

  /** The thread `worker` died: refuse what it held, and new writes until the restart delay is over. */
  private fail(worker: Worker, error: Error): void {
    // An 'error' is followed by 'exit': the second report of one death changes nothing.
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (!this.stopping) {
      if (Date.now() - this.startedAt >= HEALTHY_LIFE_MS) this.restartDelayMs = this.firstRestartDelayMs();
      const delay = this.restartDelayMs;
      this.restartAt = Date.now() + delay;
      this.restartDelayMs = Math.min(delay * 2, LONGEST_RESTART_DELAY_MS);
      this.options.logger?.error(
        { err: error.message, restartInMs: delay },
        'the SQLite delivery writer thread stopped; deliveries are refused (503) until it starts again',
      );
    }
    this.failure = error;
    const pending = [...this.requests.values()];
    this.requests.clear();
    for (const request of pending) {
      if (request.region !== undefined) this.ring.release(request.region);
      request.reject(error);
    }
  }

  private firstRestartDelayMs(): number {
    return this.options.restartDelayMs ?? 100;
  }
}
