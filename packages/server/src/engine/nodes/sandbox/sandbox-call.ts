import type { Worker } from 'node:worker_threads';
import type { SandboxLimits, SandboxRequest, SandboxResult } from './script-sandbox.js';

/** A call from the moment it is queued until its thread is done with it. */
export interface SandboxCall {
  readonly id: number;
  readonly request: SandboxRequest;
  readonly inputJson: string;
  readonly limits: SandboxLimits;
  readonly resolve: (result: SandboxResult) => void;
  /** The caller has its result; the thread may still be running the call. */
  settled: boolean;
  /** The thread said it loads its engine or builds a scope before it begins the call. */
  preparing: boolean;
  timer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
  slot: WorkerSlot | undefined;
}

/**
 * A thread and the calls sent to it, oldest first. The thread runs them in order, so the first is
 * the one it runs (or is about to), and only that one is timed.
 */
export interface WorkerSlot {
  readonly worker: Worker;
  readonly calls: SandboxCall[];
  /** The kept-scope keys whose scripts the thread received. */
  readonly scriptsSent: Set<string>;
  /** The thread takes no more calls: it ends or was told to. */
  retiring: boolean;
  /** The thread has sent a message, so it runs; until then its first call waits on its startup. */
  booted: boolean;
}

export function parseResult(json: string): SandboxResult {
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (error) {
    return failure('error', `the result is not valid JSON: ${String(error)}`);
  }
}

export function failure(
  reason: Exclude<SandboxResult, { ok: true }>['reason'],
  message: string,
): SandboxResult {
  return { ok: false, reason, message };
}

export function cancelled(): SandboxResult {
  return failure('cancelled', 'the run was cancelled');
}
