import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sandboxWorkerMain, type WorkerMessage, type WorkerRequest } from './sandbox-worker-main.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  MAX_SANDBOX_STACK_BYTES,
  type SandboxLimits,
  type SandboxRequest,
  type SandboxResult,
  type ScriptSandbox,
} from './script-sandbox.js';

export interface WorkerSandboxOptions {
  /** Threads that may run at once; further calls wait for one. */
  readonly maxWorkers?: number;
  /** Time past a call's limit before its thread is killed (the engine's own interrupt comes first). */
  readonly killGraceMs?: number;
  /** Time a new thread may take to load the engine before the call fails. */
  readonly startupTimeoutMs?: number;
  /** Limits of calls that do not set their own. */
  readonly defaults?: Partial<SandboxLimits>;
}

const ENTRY_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Outcome {
  readonly result: SandboxResult;
  /** False when the thread must not serve another call. */
  readonly reusable: boolean;
}

/**
 * Runs sandboxed JavaScript (QuickJS compiled to WebAssembly) on worker threads, so a call never
 * blocks the event loop and a call that will not stop can be killed with its thread. Idle
 * threads are kept for the next call and do not hold the process open.
 */
export class WorkerSandbox implements ScriptSandbox {
  readonly #maxWorkers: number;
  readonly #killGraceMs: number;
  readonly #startupTimeoutMs: number;
  readonly #defaults: SandboxLimits;
  readonly #source: string;
  readonly #all = new Set<Worker>();
  readonly #idle: Worker[] = [];
  readonly #waiting: Array<(worker: Worker | undefined) => void> = [];
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerSandboxOptions = {}) {
    this.#maxWorkers = Math.max(1, options.maxWorkers ?? 2);
    this.#killGraceMs = options.killGraceMs ?? 250;
    this.#startupTimeoutMs = options.startupTimeoutMs ?? 15_000;
    this.#defaults = { ...DEFAULT_SANDBOX_LIMITS, ...options.defaults };
    const quickjsPath = createRequire(import.meta.url).resolve('quickjs-emscripten');
    // Loaders that keep function names (tsx, esbuild's keepNames) wrap functions in a `__name`
    // helper that the worker's separate scope lacks: give it a no-op one.
    this.#source = `var __name = (target) => target;\n(${sandboxWorkerMain.toString()})(require('node:worker_threads'), require(${JSON.stringify(quickjsPath)}), (code) => process.exit(code));`;
  }

  async run(request: SandboxRequest): Promise<SandboxResult> {
    if (this.#closed) return { ok: false, reason: 'crashed', message: 'the sandbox is closed' };
    if (!ENTRY_PATTERN.test(request.entry)) {
      return { ok: false, reason: 'error', message: `entry "${request.entry}" is not a function name` };
    }
    let inputJson: string;
    try {
      inputJson = JSON.stringify(request.input ?? null);
    } catch (error) {
      return { ok: false, reason: 'error', message: `the input cannot be passed as JSON: ${String(error)}` };
    }
    const limits = this.#limits(request.limits);
    if (request.signal?.aborted) return cancelled();
    const worker = await this.#acquire();
    if (worker === undefined) return failure('crashed', 'the sandbox is closed');
    const message: WorkerRequest = {
      id: this.#nextId++,
      scripts: request.scripts,
      entry: request.entry,
      inputJson,
      limits,
    };
    const outcome = await this.#call(worker, message, request.signal);
    this.#release(worker, outcome.reusable);
    return outcome.result;
  }

  /** Stops every thread; calls under way fail as crashed. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    const idle = this.#idle.splice(0);
    for (const worker of idle) this.#all.delete(worker);
    await Promise.all(idle.map((worker) => worker.terminate()));
  }

  #limits(overrides: Partial<SandboxLimits> | undefined): SandboxLimits {
    const limits = { ...this.#defaults, ...overrides };
    return { ...limits, stackBytes: Math.min(limits.stackBytes, MAX_SANDBOX_STACK_BYTES) };
  }

  async #acquire(): Promise<Worker | undefined> {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (this.#all.size < this.#maxWorkers) return this.#spawn();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(worker: Worker, reusable: boolean): void {
    if (!reusable || this.#closed || !this.#all.has(worker)) {
      this.#all.delete(worker);
      void worker.terminate();
      const next = this.#waiting.shift();
      if (next !== undefined) next(this.#spawn());
      return;
    }
    const next = this.#waiting.shift();
    if (next !== undefined) {
      next(worker);
      return;
    }
    worker.unref();
    this.#idle.push(worker);
  }

  #spawn(): Worker {
    // A deep native stack lets QuickJS's own (smaller) stack limit trip first.
    const worker = new Worker(this.#source, {
      eval: true,
      resourceLimits: { stackSizeMb: 16, maxOldGenerationSizeMb: 128 },
    });
    this.#all.add(worker);
    // Errors of busy threads are handled per call; a thread that ends is never handed out again.
    worker.on('error', () => {});
    worker.once('exit', () => {
      this.#all.delete(worker);
      const index = this.#idle.indexOf(worker);
      if (index >= 0) this.#idle.splice(index, 1);
    });
    return worker;
  }

  #call(worker: Worker, request: WorkerRequest, signal: AbortSignal | undefined): Promise<Outcome> {
    return new Promise((resolve) => {
      let timer = setTimeout(
        () =>
          finish(failure('timeout', `the sandbox did not start within ${this.#startupTimeoutMs} ms`), false),
        this.#startupTimeoutMs,
      );
      let retiring = false;
      const onMessage = (message: WorkerMessage): void => {
        if (message.id !== request.id) return;
        if (message.type === 'retiring') {
          retiring = true;
          return;
        }
        if (message.type === 'started') {
          clearTimeout(timer);
          timer = setTimeout(
            () =>
              finish(
                failure('timeout', `stopped after the time limit of ${request.limits.timeoutMs} ms`),
                false,
              ),
            request.limits.timeoutMs + this.#killGraceMs,
          );
          return;
        }
        if (!message.ok) {
          finish(failure(message.reason, message.message), !retiring && message.reason !== 'crashed');
          return;
        }
        finish(parseResult(message.json), !retiring);
      };
      const onError = (error: Error): void =>
        finish(failure('crashed', `the sandbox thread failed: ${error.message}`), false);
      const onExit = (code: number): void =>
        finish(failure('crashed', `the sandbox thread exited with code ${code}`), false);
      const onAbort = (): void => finish(cancelled(), false);
      const finish = (result: SandboxResult, reusable: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        resolve({ result, reusable });
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage(request);
    });
  }
}

/** A sandbox on worker threads; close it when the process shuts down. */
export function createWorkerSandbox(options: WorkerSandboxOptions = {}): WorkerSandbox {
  return new WorkerSandbox(options);
}

function parseResult(json: string): SandboxResult {
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (error) {
    return failure('error', `the result is not valid JSON: ${String(error)}`);
  }
}

function failure(reason: Exclude<SandboxResult, { ok: true }>['reason'], message: string): SandboxResult {
  return { ok: false, reason, message };
}

function cancelled(): SandboxResult {
  return failure('cancelled', 'the run was cancelled');
}
