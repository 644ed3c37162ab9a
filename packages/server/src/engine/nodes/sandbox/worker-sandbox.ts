import { Worker } from 'node:worker_threads';
import { cancelled, failure, parseResult, type SandboxCall, type WorkerSlot } from './sandbox-call.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  MAX_SANDBOX_STACK_BYTES,
  type SandboxLimits,
  type SandboxRequest,
  type SandboxResult,
  type ScriptSandbox,
} from './script-sandbox.js';
import type { WorkerMessage, WorkerRequest } from './worker-protocol.js';
import { sandboxWorkerSource } from './worker-source.js';

export interface WorkerSandboxOptions {
  /** Threads that may run at once; further calls wait for one. */
  readonly maxWorkers?: number;
  /**
   * Calls sent to a thread ahead of its answer, so it never waits for the host between calls.
   * Calls a thread had not begun move to another one when it is killed.
   */
  readonly callsPerWorker?: number;
  /** Time past a call's limit before its thread is killed (the engine's own interrupt comes first). */
  readonly killGraceMs?: number;
  /** Time a thread may take to load the engine (or build a kept scope) before the call fails. */
  readonly startupTimeoutMs?: number;
  /** Limits of calls that do not set their own. */
  readonly defaults?: Partial<SandboxLimits>;
  /** Calls a kept scope serves before it is rebuilt (see `SandboxRequest.reuse`). */
  readonly maxCallsPerScope?: number;
}

const ENTRY_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Runs sandboxed JavaScript (QuickJS compiled to WebAssembly) on worker threads, so a call never
 * blocks the event loop and a call that will not stop can be killed with its thread. Idle
 * threads are kept for the next call and do not hold the process open.
 */
export class WorkerSandbox implements ScriptSandbox {
  readonly #maxWorkers: number;
  readonly #callsPerWorker: number;
  readonly #killGraceMs: number;
  readonly #startupTimeoutMs: number;
  readonly #defaults: SandboxLimits;
  readonly #source: string;
  readonly #slots = new Set<WorkerSlot>();
  readonly #queue: SandboxCall[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerSandboxOptions = {}) {
    this.#maxWorkers = Math.max(1, options.maxWorkers ?? 2);
    this.#callsPerWorker = Math.max(1, options.callsPerWorker ?? 4);
    this.#killGraceMs = options.killGraceMs ?? 250;
    this.#startupTimeoutMs = options.startupTimeoutMs ?? 15_000;
    this.#defaults = { ...DEFAULT_SANDBOX_LIMITS, ...options.defaults };
    this.#source = sandboxWorkerSource({
      maxCallsPerScope: Math.max(1, options.maxCallsPerScope ?? 10_000),
      setupTimeoutMs: Math.max(1, this.#startupTimeoutMs - 1_000),
    });
  }

  async run(request: SandboxRequest): Promise<SandboxResult> {
    if (this.#closed) return failure('crashed', 'the sandbox is closed');
    if (!ENTRY_PATTERN.test(request.entry)) {
      return failure('error', `entry "${request.entry}" is not a function name`);
    }
    let inputJson: string;
    try {
      inputJson = JSON.stringify(request.input ?? null);
    } catch (error) {
      return failure('error', `the input cannot be passed as JSON: ${String(error)}`);
    }
    const limits = this.#limits(request.limits);
    const signal = request.signal;
    if (signal?.aborted) return cancelled();
    return new Promise((resolve) => {
      const call: SandboxCall = {
        id: this.#nextId++,
        request,
        inputJson,
        limits,
        resolve,
        settled: false,
        preparing: false,
        timer: undefined,
        onAbort: undefined,
        slot: undefined,
      };
      if (signal !== undefined) {
        call.onAbort = () => this.#abort(call);
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      this.#queue.push(call);
      this.#pump();
    });
  }

  /** Stops every thread once its calls are done; calls still queued fail as crashed. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const call of this.#queue.splice(0)) this.#settle(call, failure('crashed', 'the sandbox is closed'));
    const idle = [...this.#slots].filter((slot) => slot.calls.length === 0);
    for (const slot of idle) this.#slots.delete(slot);
    await Promise.all(idle.map((slot) => slot.worker.terminate()));
  }

  #limits(overrides: Partial<SandboxLimits> | undefined): SandboxLimits {
    const limits = { ...this.#defaults, ...overrides };
    return { ...limits, stackBytes: Math.min(limits.stackBytes, MAX_SANDBOX_STACK_BYTES) };
  }

  #settle(call: SandboxCall, result: SandboxResult): void {
    if (call.settled) return;
    call.settled = true;
    if (call.onAbort !== undefined) call.request.signal?.removeEventListener('abort', call.onAbort);
    call.resolve(result);
  }

  #pump(): void {
    for (;;) {
      // Calls cancelled while they waited need no thread.
      while (this.#queue[0]?.settled === true) this.#queue.shift();
      const call = this.#queue[0];
      if (call === undefined) return;
      const slot = this.#pickSlot();
      if (slot === undefined) return;
      this.#queue.shift();
      this.#send(slot, call);
    }
  }

  /** An idle thread, else a new one, else the least busy one with room. */
  #pickSlot(): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of this.#slots) {
      if (slot.retiring || slot.calls.length >= this.#callsPerWorker) continue;
      if (best === undefined || slot.calls.length < best.calls.length) best = slot;
    }
    if ((best === undefined || best.calls.length > 0) && this.#slots.size < this.#maxWorkers)
      return this.#spawn();
    return best;
  }

  #send(slot: WorkerSlot, call: SandboxCall): void {
    call.slot = slot;
    slot.calls.push(call);
    if (slot.calls.length === 1) this.#timeHead(slot);
    slot.worker.ref();
    const { request } = call;
    const message: WorkerRequest = {
      id: call.id,
      scripts: this.#scriptsFor(slot, request),
      entry: request.entry,
      inputJson: call.inputJson,
      limits: call.limits,
      ...(request.reuse === undefined ? {} : { reuseKey: request.reuse.key }),
    };
    slot.worker.postMessage(message);
  }

  /** A thread keeps the scripts of a kept scope, so they cross to it once. */
  #scriptsFor(slot: WorkerSlot, request: SandboxRequest): SandboxRequest['scripts'] {
    if (request.reuse === undefined) return request.scripts;
    if (slot.scriptsSent.has(request.reuse.key)) return [];
    slot.scriptsSent.add(request.reuse.key);
    return request.scripts;
  }

  /** Times the call at the head of the thread's line: its setup, or the call and a grace. */
  #timeHead(slot: WorkerSlot): void {
    const call = slot.calls[0];
    if (call === undefined) return;
    clearTimeout(call.timer);
    const kill = (message: string) => () => this.#kill(call, failure('timeout', message));
    call.timer =
      call.preparing || !slot.booted
        ? setTimeout(
            kill(`the sandbox did not start within ${this.#startupTimeoutMs} ms`),
            this.#startupTimeoutMs,
          )
        : setTimeout(
            kill(`stopped after the time limit of ${call.limits.timeoutMs} ms`),
            call.limits.timeoutMs + this.#killGraceMs,
          );
  }

  #spawn(): WorkerSlot {
    // A deep native stack lets QuickJS's own (smaller) stack limit trip first.
    const worker = new Worker(this.#source, {
      eval: true,
      resourceLimits: { stackSizeMb: 16, maxOldGenerationSizeMb: 128 },
    });
    const slot: WorkerSlot = { worker, calls: [], scriptsSent: new Set(), retiring: false, booted: false };
    this.#slots.add(slot);
    worker.on('message', (message: WorkerMessage) => this.#onMessage(slot, message));
    worker.on('error', (error: Error) => {
      const current = slot.calls[0];
      if (current !== undefined)
        this.#settle(current, failure('crashed', `the sandbox thread failed: ${error.message}`));
    });
    worker.once('exit', (code: number) => {
      const current = slot.calls[0];
      if (current !== undefined) {
        this.#settle(current, failure('crashed', `the sandbox thread exited with code ${code}`));
      }
      this.#retire(slot);
    });
    return slot;
  }

  #onMessage(slot: WorkerSlot, message: WorkerMessage): void {
    slot.booted = true;
    const call = slot.calls.find((candidate) => candidate.id === message.id);
    if (call === undefined) return;
    if (message.type === 'retiring') {
      slot.retiring = true;
      return;
    }
    if (message.type === 'preparing' || message.type === 'started') {
      call.preparing = message.type === 'preparing';
      if (slot.calls[0] === call) this.#timeHead(slot);
      return;
    }
    clearTimeout(call.timer);
    slot.calls.splice(slot.calls.indexOf(call), 1);
    this.#settle(call, message.ok ? parseResult(message.json) : failure(message.reason, message.message));
    if (slot.retiring) return; // its exit hands the remaining calls on
    if ((!message.ok && message.reason === 'crashed') || (this.#closed && slot.calls.length === 0)) {
      this.#retire(slot);
      return;
    }
    if (slot.calls.length === 0) slot.worker.unref();
    else this.#timeHead(slot);
    this.#pump();
  }

  #abort(call: SandboxCall): void {
    // A call waiting behind another is left to run unseen: killing the thread would cost more.
    if (call.slot !== undefined && call.slot.calls[0] === call) this.#kill(call, cancelled());
    else this.#settle(call, cancelled());
  }

  /** Ends the call's thread; the calls it had not begun go to other threads. */
  #kill(call: SandboxCall, result: SandboxResult): void {
    this.#settle(call, result);
    const slot = call.slot;
    if (slot !== undefined) this.#retire(slot);
  }

  #retire(slot: WorkerSlot): void {
    slot.retiring = true;
    if (!this.#slots.delete(slot)) return;
    const waiting: SandboxCall[] = [];
    for (const [index, call] of slot.calls.splice(0).entries()) {
      clearTimeout(call.timer);
      if (call.settled) continue;
      // The first call is the one the thread ran: it ends with the thread.
      if (index === 0) {
        this.#settle(call, failure('crashed', 'the sandbox thread was stopped'));
        continue;
      }
      call.timer = undefined;
      call.slot = undefined;
      call.preparing = false;
      waiting.push(call);
    }
    this.#queue.unshift(...waiting);
    void slot.worker.terminate();
    if (this.#closed) {
      for (const call of this.#queue.splice(0))
        this.#settle(call, failure('crashed', 'the sandbox is closed'));
      return;
    }
    this.#pump();
  }
}

/** A sandbox on worker threads; close it when the process shuts down. */
export function createWorkerSandbox(options: WorkerSandboxOptions = {}): WorkerSandbox {
  return new WorkerSandbox(options);
}
