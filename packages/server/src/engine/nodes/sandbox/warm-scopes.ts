import type * as QuickJs from 'quickjs-emscripten';
import type { SandboxFailureReason, SandboxScript } from './script-sandbox.js';
import type { WorkerMessage, WorkerRequest } from './worker-protocol.js';

/** What a thread's reply needs from the rest of the thread body. */
export interface WarmScopeDeps {
  /** QuickJS source of the function that seals a scope and returns its driver. */
  readonly lockdownSource: string;
  /** Calls a scope serves before it is rebuilt. */
  readonly maxCalls: number;
  /** Time the setup scripts and the seal may take. */
  readonly setupTimeoutMs: number;
  readonly settle: (
    runtime: QuickJs.QuickJSRuntime,
    context: QuickJs.QuickJSContext,
    promise: QuickJs.QuickJSHandle,
    request: WorkerRequest,
    deadline: number,
  ) => WorkerMessage;
  readonly failure: (
    context: QuickJs.QuickJSContext,
    handle: QuickJs.QuickJSHandle,
    request: WorkerRequest,
    deadline: number,
  ) => WorkerMessage;
  readonly fail: (request: WorkerRequest, reason: SandboxFailureReason, message: string) => WorkerMessage;
}

export interface WarmOutcome {
  readonly reply: WorkerMessage;
  /** False when the engine itself failed and the thread must end. */
  readonly healthy: boolean;
}

export interface WarmScopes {
  /** Whether the request's scope is built. */
  ready(request: WorkerRequest): boolean;
  /** Builds the request's scope unless the thread has it; a failure outcome when it cannot. */
  prepare(module: QuickJs.QuickJSWASMModule, request: WorkerRequest): WarmOutcome | undefined;
  /** Calls the entry of the request's prepared scope. */
  call(request: WorkerRequest): WarmOutcome;
  /**
   * Forgets the scopes built on the module of one memory size, which ran out of memory and is
   * dropped whole: nothing in it is freed one by one (see sandbox-worker-main.ts).
   */
  dropModule(memoryBytes: number): void;
}

/**
 * Scopes kept warm across calls, per thread: the setup scripts of a key run once, the lockdown
 * freezes what they and the language left reachable, and each call only runs its entry. A call
 * that hits a limit (time, memory, stack) or breaks the engine, and every scope past `maxCalls`
 * calls, discards the scope, so the next call starts from a fresh runtime.
 * Shipped to the thread as source text like the thread body: nothing from outside is used.
 */
export function warmScopes(deps: WarmScopeDeps): WarmScopes {
  interface Scope {
    readonly runtime: QuickJs.QuickJSRuntime;
    readonly context: QuickJs.QuickJSContext;
    readonly driver: QuickJs.QuickJSHandle;
    readonly memoryBytes: number;
    calls: number;
  }
  const scopes = new Map<string, Scope>();
  const scriptsByKey = new Map<string, readonly SandboxScript[]>();

  /**
   * Whether a scope may serve again after this reply. A thrown error or an oversized result ends
   * in ordinary code that the lockdown already confines; a limit (time, memory, stack) may have
   * cut the engine off anywhere, so that scope goes.
   */
  function keeps(reply: WorkerMessage): boolean {
    if (reply.type !== 'done' || reply.ok) return true;
    return reply.reason === 'error' || reply.reason === 'result-too-large';
  }

  function outOfMemory(reply: WorkerMessage): boolean {
    return reply.type === 'done' && !reply.ok && reply.reason === 'memory';
  }

  function keyOf(request: WorkerRequest): string {
    return `${request.limits.memoryBytes}\n${request.reuseKey ?? ''}`;
  }

  /** Whether the engine freed the scope cleanly. */
  function discard(key: string): boolean {
    const scope = scopes.get(key);
    scopes.delete(key);
    if (scope === undefined) return true;
    try {
      scope.driver.dispose();
      scope.context.dispose();
      scope.runtime.dispose();
      return true;
    } catch {
      return false;
    }
  }

  function build(
    module: QuickJs.QuickJSWASMModule,
    request: WorkerRequest,
    scripts: readonly SandboxScript[],
  ): WarmOutcome | Scope {
    const runtime = module.newRuntime();
    const context = runtime.newContext();
    const release = (reply: WorkerMessage): WarmOutcome => {
      // Its module is dropped whole; freeing this runtime could abort it (see sandbox-worker-main.ts).
      if (outOfMemory(reply)) return { reply, healthy: true };
      try {
        context.dispose();
        runtime.dispose();
        return { reply, healthy: true };
      } catch {
        return { reply, healthy: false };
      }
    };
    runtime.setMemoryLimit(request.limits.memoryBytes);
    runtime.setMaxStackSize(request.limits.stackBytes);
    const deadline = Date.now() + deps.setupTimeoutMs;
    runtime.setInterruptHandler(() => Date.now() > deadline);
    for (const script of scripts) {
      const evaluated = context.evalCode(script.source, script.filename);
      if (evaluated.error) return release(deps.failure(context, evaluated.error, request, deadline));
      evaluated.value.dispose();
    }
    const lockdown = context.evalCode(deps.lockdownSource, 'sandbox-lockdown.js');
    if (lockdown.error) return release(deps.failure(context, lockdown.error, request, deadline));
    const entryName = context.newString(request.entry);
    const driver = context.callFunction(lockdown.value, context.undefined, entryName);
    entryName.dispose();
    lockdown.value.dispose();
    if (driver.error) return release(deps.failure(context, driver.error, request, deadline));
    return { runtime, context, driver: driver.value, memoryBytes: request.limits.memoryBytes, calls: 0 };
  }

  return {
    ready: (request) => scopes.has(keyOf(request)),

    prepare(module, request) {
      const reuseKey = request.reuseKey ?? '';
      if (request.scripts.length > 0) scriptsByKey.set(reuseKey, request.scripts);
      const key = keyOf(request);
      if (scopes.has(key)) return undefined;
      const scripts = scriptsByKey.get(reuseKey);
      if (scripts === undefined) {
        return {
          reply: deps.fail(request, 'crashed', `no scripts for the scope "${reuseKey}"`),
          healthy: true,
        };
      }
      try {
        const built = build(module, request, scripts);
        if ('reply' in built) return built;
        scopes.set(key, built);
        return undefined;
      } catch (error) {
        return { reply: deps.fail(request, 'crashed', String(error)), healthy: false };
      }
    },

    call(request) {
      const key = keyOf(request);
      const scope = scopes.get(key);
      if (scope === undefined) {
        return { reply: deps.fail(request, 'crashed', 'the scope was not prepared'), healthy: true };
      }
      const { runtime, context } = scope;
      let reply: WorkerMessage;
      try {
        runtime.setMaxStackSize(request.limits.stackBytes);
        const deadline = Date.now() + request.limits.timeoutMs;
        runtime.setInterruptHandler(() => Date.now() > deadline);
        const input = context.newString(request.inputJson);
        const called = context.callFunction(scope.driver, context.undefined, input);
        input.dispose();
        reply = called.error
          ? deps.failure(context, called.error, request, deadline)
          : deps.settle(runtime, context, called.value, request, deadline);
      } catch (error) {
        discard(key);
        return { reply: deps.fail(request, 'crashed', String(error)), healthy: false };
      }
      scope.calls += 1;
      // Out of memory, the scope goes with its module (dropModule) rather than being freed here.
      if (outOfMemory(reply)) return { reply, healthy: true };
      const healthy = keeps(reply) && scope.calls < deps.maxCalls ? true : discard(key);
      return { reply, healthy };
    },

    dropModule(memoryBytes) {
      for (const [key, scope] of scopes) if (scope.memoryBytes === memoryBytes) scopes.delete(key);
    },
  };
}
