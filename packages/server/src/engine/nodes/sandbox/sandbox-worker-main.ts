import type * as WorkerThreads from 'node:worker_threads';
import type * as QuickJs from 'quickjs-emscripten';
import type { SandboxFailureReason } from './script-sandbox.js';
import type { WarmScopeDeps, WarmScopes } from './warm-scopes.js';
import type { WorkerMessage, WorkerRequest } from './worker-protocol.js';

/** The part of `WebAssembly.Memory` used here (the DOM library that declares it is not loaded). */
interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum: number }): object;
}

/**
 * The body of a sandbox worker thread. It is shipped to the thread as its source text, so it must
 * not use anything from outside itself: its modules arrive as arguments and helpers are nested.
 *
 * Each request gets a fresh QuickJS runtime with stack and interrupt limits. Memory is bounded by
 * the WebAssembly memory itself: this QuickJS build cannot measure its allocations, so its own
 * memory limit lets large buffers through, while a linear memory that cannot grow past
 * `BASE_PAGES + memoryBytes` makes every allocation beyond it fail. The interrupt only fires
 * between bytecodes, so a long native call (a huge `repeat`) can outlast it; the host kills the
 * whole thread in that case. A request that breaks the engine itself (a failed disposal) ends the
 * thread too, so no later request inherits a damaged module.
 *
 * A request with a `reuseKey` runs in a scope kept warm across requests instead (see `warmScopes`,
 * which arrives as an argument for the same reason as the modules).
 */
export function sandboxWorkerMain(
  threads: typeof WorkerThreads,
  quickjs: typeof QuickJs,
  exit: (code: number) => void,
  warm: {
    readonly create: (deps: WarmScopeDeps) => WarmScopes;
    readonly options: Pick<WarmScopeDeps, 'lockdownSource' | 'maxCalls' | 'setupTimeoutMs'>;
  },
): void {
  const port = threads.parentPort;
  if (port === null) return;
  // The build's own minimum: 16 MiB of 64 KiB pages for its stack, data and first heap.
  const BASE_PAGES = 256;
  const modules = new Map<number, Promise<QuickJs.QuickJSWASMModule>>();
  const scopes = warm.create({ ...warm.options, settle, failure, fail });

  port.on('message', (request: WorkerRequest) => {
    // Setup runs on the host's startup allowance; a call that needs none is timed from its sending.
    const loading = !modules.has(request.limits.memoryBytes);
    if (loading) port.postMessage({ type: 'preparing', id: request.id } satisfies WorkerMessage);
    moduleFor(request.limits.memoryBytes).then(
      (module) => {
        const building = request.reuseKey !== undefined && !scopes.ready(request);
        if (building && !loading)
          port.postMessage({ type: 'preparing', id: request.id } satisfies WorkerMessage);
        const prepared = building ? scopes.prepare(module, request) : undefined;
        if (loading || building)
          port.postMessage({ type: 'started', id: request.id } satisfies WorkerMessage);
        const outcome =
          prepared ?? (request.reuseKey === undefined ? run(module, request) : scopes.call(request));
        const { reply, healthy } = outcome;
        // A module that hit its cap keeps its grown memory; drop it, whole, to give that memory back.
        if (outOfMemory(reply)) {
          modules.delete(request.limits.memoryBytes);
          scopes.dropModule(request.limits.memoryBytes);
        }
        if (!healthy) port.postMessage({ type: 'retiring', id: request.id } satisfies WorkerMessage);
        port.postMessage(reply);
        if (!healthy) exit(1);
      },
      (error: unknown) => {
        port.postMessage({
          type: 'done',
          id: request.id,
          ok: false,
          reason: 'crashed',
          message: `the JavaScript engine did not load: ${String(error)}`,
        } satisfies WorkerMessage);
        exit(1);
      },
    );
  });

  function moduleFor(memoryBytes: number): Promise<QuickJs.QuickJSWASMModule> {
    let module = modules.get(memoryBytes);
    if (module === undefined) {
      const wasm = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryConstructor } }).WebAssembly;
      const wasmMemory = new wasm.Memory({
        initial: BASE_PAGES,
        maximum: BASE_PAGES + Math.ceil(memoryBytes / 65536),
      });
      module = quickjs.newQuickJSWASMModule(quickjs.newVariant(quickjs.RELEASE_SYNC, { wasmMemory }));
      modules.set(memoryBytes, module);
    }
    return module;
  }

  /** The reply, and whether the engine is still fit for another request. */
  function run(
    module: QuickJs.QuickJSWASMModule,
    request: WorkerRequest,
  ): { reply: WorkerMessage; healthy: boolean } {
    const { limits } = request;
    let runtime: QuickJs.QuickJSRuntime | undefined;
    let context: QuickJs.QuickJSContext | undefined;
    let reply: WorkerMessage;
    try {
      runtime = module.newRuntime();
      // Counts only what the allocator reports; the memory cap of the module is the hard bound.
      runtime.setMemoryLimit(limits.memoryBytes);
      runtime.setMaxStackSize(limits.stackBytes);
      const deadline = Date.now() + limits.timeoutMs;
      runtime.setInterruptHandler(() => Date.now() > deadline);
      context = runtime.newContext();
      reply = call(runtime, context, request, deadline);
    } catch (error) {
      return { reply: fail(request, 'crashed', String(error)), healthy: false };
    }
    // After a failed allocation QuickJS may have lost track of objects, and freeing the runtime
    // then aborts the whole module (with an assertion on stderr). Its module is dropped whole
    // instead (see above): nothing in it needs freeing one by one.
    if (outOfMemory(reply)) return { reply, healthy: true };
    try {
      context.dispose();
      runtime.dispose();
      return { reply, healthy: true };
    } catch {
      // QuickJS can leak objects on a failed allocation and then refuse to free the runtime;
      // the answer stands, but this engine is done.
      return { reply, healthy: false };
    }
  }

  function call(
    runtime: QuickJs.QuickJSRuntime,
    context: QuickJs.QuickJSContext,
    request: WorkerRequest,
    deadline: number,
  ): WorkerMessage {
    for (const script of request.scripts) {
      const evaluated = context.evalCode(script.source, script.filename);
      if (evaluated.error) return failure(context, evaluated.error, request, deadline);
      evaluated.value.dispose();
    }
    const input = context.newString(request.inputJson);
    context.setProp(context.global, '__sandboxInput', input);
    input.dispose();
    const entry = request.entry;
    const driver = context.evalCode(
      `Promise.resolve().then(function () {
        if (typeof ${entry} !== 'function') throw new TypeError('${entry} is not defined as a function');
        var input = JSON.parse(globalThis.__sandboxInput);
        delete globalThis.__sandboxInput;
        return ${entry}(input);
      }).then(function (result) {
        var text = JSON.stringify(result);
        return text === undefined ? 'null' : text;
      })`,
      'sandbox-driver.js',
    );
    if (driver.error) return failure(context, driver.error, request, deadline);
    return settle(runtime, context, driver.value, request, deadline);
  }

  /** Runs the jobs of a call's promise (which it disposes) and reads its JSON text. */
  function settle(
    runtime: QuickJs.QuickJSRuntime,
    context: QuickJs.QuickJSContext,
    promise: QuickJs.QuickJSHandle,
    request: WorkerRequest,
    deadline: number,
  ): WorkerMessage {
    try {
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) return failure(context, jobs.error, request, deadline);
      const state = context.getPromiseState(promise);
      if (state.type === 'rejected') return failure(context, state.error, request, deadline);
      if (state.type === 'pending') {
        return fail(request, 'error', `${request.entry} returned a promise that never settles`);
      }
      const json = context.getString(state.value);
      state.value.dispose();
      if (json.length > request.limits.maxResultChars) {
        return fail(
          request,
          'result-too-large',
          `the result is ${json.length} characters of JSON, over the limit of ${request.limits.maxResultChars}`,
        );
      }
      return { type: 'done', id: request.id, ok: true, json };
    } finally {
      promise.dispose();
    }
  }

  function failure(
    context: QuickJs.QuickJSContext,
    handle: QuickJs.QuickJSHandle,
    request: WorkerRequest,
    deadline: number,
  ): WorkerMessage {
    const { name, message, location } = describe(context, handle);
    handle.dispose();
    const { limits } = request;
    if (message === 'interrupted' || Date.now() > deadline) {
      return fail(request, 'timeout', `stopped after the time limit of ${limits.timeoutMs} ms`);
    }
    if (/out of memory/i.test(message)) {
      return fail(request, 'memory', `stopped: over the memory limit of ${limits.memoryBytes / 1048576} MiB`);
    }
    if (/stack overflow|call stack size/i.test(message)) {
      return fail(
        request,
        'stack',
        `stopped: over the stack limit of ${limits.stackBytes / 1024} KiB (recursion too deep)`,
      );
    }
    return fail(request, 'error', `${name}: ${message}${location === undefined ? '' : ` (at ${location})`}`);
  }

  function describe(
    context: QuickJs.QuickJSContext,
    handle: QuickJs.QuickJSHandle,
  ): { name: string; message: string; location: string | undefined } {
    let dumped: unknown;
    try {
      dumped = context.dump(handle);
    } catch {
      // Reading the error needs memory too; a full heap is the usual reason it fails.
      return { name: 'InternalError', message: 'out of memory', location: undefined };
    }
    if (typeof dumped !== 'object' || dumped === null) {
      return {
        name: 'Error',
        message: `thrown value: ${JSON.stringify(dumped) ?? String(dumped)}`,
        location: undefined,
      };
    }
    const fields = dumped as { name?: unknown; message?: unknown; stack?: unknown };
    const stack = typeof fields.stack === 'string' ? fields.stack : '';
    const found = /\(([^()]+:\d+(?::\d+)?)\)/.exec(stack)?.[1];
    // A place in the driver means nothing to whoever wrote the script.
    const location = found?.startsWith('sandbox-driver.js') ? undefined : found;
    return {
      name: typeof fields.name === 'string' ? fields.name : 'Error',
      message: typeof fields.message === 'string' ? fields.message : JSON.stringify(dumped),
      location,
    };
  }

  function outOfMemory(reply: WorkerMessage): boolean {
    return reply.type === 'done' && !reply.ok && reply.reason === 'memory';
  }

  function fail(request: WorkerRequest, reason: SandboxFailureReason, message: string): WorkerMessage {
    return { type: 'done', id: request.id, ok: false, reason, message };
  }
}
