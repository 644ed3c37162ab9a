import type { RunProgressNode } from '../domain/internal-events.js';
import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import type { TriggerWebhookNodeData } from '../engine/nodes/trigger-webhook/webhook-data.js';

/** What a listener waits on: one draft trigger node and what makes an event match it. */
export type ListenTarget =
  | {
      readonly kind: 'plugin';
      readonly nodeId: string;
      readonly subscriptionId: string;
      readonly event: string;
      /** The draft's filter values, as the integration's filter reads them. */
      readonly eventParameters: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'webhook';
      readonly nodeId: string;
      readonly webhookId: string;
      readonly data: TriggerWebhookNodeData;
    }
  | { readonly kind: 'schedule'; readonly nodeId: string };

/** What a listener's stream carries after `listening`, in order. */
export type ListenerMessage =
  | { readonly type: 'captured'; readonly nodeId: string; readonly runId: string; readonly event: unknown }
  | { readonly type: 'node'; readonly runId: string; readonly node: RunProgressNode }
  | {
      readonly type: 'result';
      readonly runId: string;
      readonly status: 'succeeded' | 'failed';
      readonly outputs: Readonly<Record<string, unknown>> | null;
      readonly error: string | null;
    }
  /** Ended without a capture: its time to live passed. */
  | { readonly type: 'expired' }
  /** Ended because a member stopped it ("Stop listening"); a run it started goes on unfollowed. */
  | { readonly type: 'cancelled' };

/** The messages after which a listener's stream carries nothing more. */
export const FINAL_LISTENER_MESSAGES: ReadonlySet<ListenerMessage['type']> = new Set([
  'result',
  'expired',
  'cancelled',
]);

/**
 * `waiting` for an event, `captured` (its run is under way), `done` (the run ended, it expired or
 * it was cancelled).
 */
export type ListenerState = 'waiting' | 'captured' | 'done';

export interface Listener {
  readonly id: string;
  readonly workspaceId: string;
  readonly workflowId: string;
  /** The member who asked; draft runs are theirs. */
  readonly createdBy: string;
  /** The draft as it was when listening began: captured events run this graph. */
  readonly document: WorkflowDocument;
  readonly targets: readonly ListenTarget[];
  readonly state: ListenerState;
  readonly expiresAt: Date;
}

export type NewListener = Omit<Listener, 'id' | 'state' | 'expiresAt'>;

/**
 * Draft trigger nodes waiting for their next event ("Run this step"). The default adapter keeps
 * them in this process's memory; one over Redis pub/sub can share them between processes.
 */
export interface ListenerRegistry {
  open(listener: NewListener): Listener;
  /** A live listener of this workspace, or undefined (unknown, another workspace's, or gone). */
  get(workspaceId: string, id: string): Listener | undefined;
  /** Pushes the time to live forward (a client is connected). Answers the new expiry. */
  renew(id: string): Date | undefined;
  /** Live listeners still waiting for an event. */
  waiting(): readonly Listener[];
  /**
   * Takes a waiting listener for the run that its event started: answers false when another
   * event took it first, so each listener captures once.
   */
  capture(id: string, runId: string): boolean;
  /**
   * Optional, for adapters shared by several processes: takes, for a short while, this process's
   * right to capture these listeners, so that `capture` (synchronous) stays "first event wins"
   * across processes; `capture` of a listener not reserved then answers false. Answers the release
   * of the rights `capture` did not use. Adapters of one process leave it out.
   */
  reserve?(ids: readonly string[]): Promise<() => Promise<void>>;
  /** The listener a run was started for. */
  listenerOfRun(runId: string): string | undefined;
  /**
   * Stops a listener at once: it captures nothing more, no longer follows a run it started, and its
   * stream ends with `cancelled`. A listener that has ended already stays as it was. Answers false
   * for an unknown listener.
   */
  cancel(id: string): boolean;
  /** Adds to the listener's stream; a `result` ends it. */
  publish(id: string, message: ListenerMessage): void;
  /**
   * Follows a listener's stream: what it carried so far first, then each new message. Answers
   * the unsubscribe function, or undefined for an unknown listener.
   */
  subscribe(id: string, onMessage: (message: ListenerMessage) => void): (() => void) | undefined;
}
