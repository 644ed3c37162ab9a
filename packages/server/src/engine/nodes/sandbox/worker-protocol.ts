import type { SandboxFailureReason, SandboxLimits, SandboxScript } from './script-sandbox.js';

/** A call as the host sends it to a sandbox thread. */
export interface WorkerRequest {
  readonly id: number;
  /** Empty for a kept scope the thread already has the scripts of. */
  readonly scripts: readonly SandboxScript[];
  readonly entry: string;
  readonly inputJson: string;
  readonly limits: SandboxLimits;
  /** Set when the call runs in a scope kept across calls (see `SandboxRequest.reuse`). */
  readonly reuseKey?: string;
}

export type WorkerMessage =
  /** The thread loads its engine or builds a kept scope before it begins the call. */
  | { readonly type: 'preparing'; readonly id: number }
  /** Sent after `preparing` only: the call itself begins. */
  | { readonly type: 'started'; readonly id: number }
  | { readonly type: 'done'; readonly id: number; readonly ok: true; readonly json: string }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly ok: false;
      readonly reason: SandboxFailureReason;
      readonly message: string;
    }
  /** Sent after a reply when the thread ends itself rather than serve another request. */
  | { readonly type: 'retiring'; readonly id: number };
