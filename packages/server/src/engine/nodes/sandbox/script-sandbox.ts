/** Bounds on one sandboxed call. */
export interface SandboxLimits {
  /** Wall-clock time for the scripts and the call. */
  readonly timeoutMs: number;
  /** Heap of the JavaScript engine inside the sandbox. */
  readonly memoryBytes: number;
  /** Stack of the JavaScript engine inside the sandbox; deep recursion fails past it. */
  readonly stackBytes: number;
  /** Length of the call's result as JSON text. */
  readonly maxResultChars: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  timeoutMs: 2_000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 512 * 1024,
  maxResultChars: 1_000_000,
};

/** The largest stack a caller may ask for: the host thread's own stack must stay deeper. */
export const MAX_SANDBOX_STACK_BYTES = 1024 * 1024;

export interface SandboxScript {
  /** Shown in error locations, e.g. `main.js:3:7`. */
  readonly filename: string;
  readonly source: string;
}

export interface SandboxRequest {
  /** Evaluated in order, in one fresh global scope. */
  readonly scripts: readonly SandboxScript[];
  /** The global function to call once the scripts ran (it may return a promise). */
  readonly entry: string;
  /** The single argument of the call; crosses into the sandbox as JSON. */
  readonly input: unknown;
  readonly limits?: Partial<SandboxLimits>;
  /** Aborting stops the call at once. */
  readonly signal?: AbortSignal;
  /**
   * Keeps the scope the scripts built for later calls with the same key, instead of a fresh
   * global scope per call: each thread runs the scripts once, then freezes every object reachable
   * from the global scope, so a call can change nothing a later call sees. Any failed call throws
   * the scope away. For library code whose functions keep no state in closures (the caller's
   * input and whatever it evaluates only reach the global scope); never for user scripts, whose
   * top-level variables would outlive the call. The same key must always come with the same
   * scripts and entry.
   */
  readonly reuse?: { readonly key: string };
}

export type SandboxFailureReason =
  | 'timeout'
  | 'memory'
  | 'stack'
  | 'error'
  | 'result-too-large'
  | 'cancelled'
  | 'crashed';

export type SandboxResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: SandboxFailureReason; readonly message: string };

/**
 * Runs untrusted JavaScript with no access to the host: no process, file system, network or
 * timers, only the language and the JSON input. Each call gets a fresh global scope, or a frozen
 * one that no earlier call could change (`reuse`).
 */
export interface ScriptSandbox {
  run(request: SandboxRequest): Promise<SandboxResult>;
}
