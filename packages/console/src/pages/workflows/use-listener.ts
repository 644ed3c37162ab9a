import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { apiRequest } from '../../api/http.js';
import type { ListenerAnswer } from '../../api/workflow-types.js';
import type { SseMessage } from './sse-parser.js';
import { followEventStream } from './sse-stream.js';

/**
 * Where "Run this step" is: asking, waiting for an event, following its run, asking the server to
 * stop listening, or ended (and how).
 */
export type ListenPhase =
  | 'idle'
  | 'starting'
  | 'listening'
  | 'running'
  | 'stopping'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'stopped'
  | 'error';

/** One node of the captured event's run, as the stream last told it. */
export interface NodeProgress {
  readonly nodeId: string;
  readonly title: string;
  readonly type: string;
  readonly status: 'started' | 'succeeded' | 'failed' | 'skipped';
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
  readonly error?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

export interface ListenState {
  readonly phase: ListenPhase;
  /** The draft trigger node listening (or that listened last). */
  readonly nodeId?: string;
  readonly expiresAt?: string;
  readonly runId?: string;
  /** The event as the integration delivered it to the trigger. */
  readonly event?: unknown;
  readonly nodes: readonly NodeProgress[];
  readonly outputs?: Readonly<Record<string, unknown>> | null;
  readonly runError?: string | null;
  /** Why listening or following failed, in the server's words. */
  readonly error?: unknown;
}

export interface Listening {
  readonly state: ListenState;
  start(nodeId: string): void;
  stop(): void;
}

const IDLE: ListenState = { phase: 'idle', nodes: [] };
const ENDED: readonly ListenPhase[] = ['idle', 'succeeded', 'failed', 'expired', 'stopped', 'error'];

/** Whether a phase still waits on the server (a new listen must stop it first). */
export function isListenActive(phase: ListenPhase): boolean {
  return !ENDED.includes(phase);
}

/** What one stream message changes; unknown events are left alone for newer servers. */
function apply(state: ListenState, message: SseMessage): ListenState {
  const data = JSON.parse(message.data) as Record<string, unknown>;
  switch (message.event) {
    case 'listening':
      return { ...state, phase: 'listening', expiresAt: String(data.expiresAt) };
    case 'captured':
      return { ...state, phase: 'running', runId: String(data.runId), event: data.event };
    case 'node': {
      const node = data.node as NodeProgress;
      const known = state.nodes.some((item) => item.nodeId === node.nodeId);
      return {
        ...state,
        nodes: known
          ? state.nodes.map((item) => (item.nodeId === node.nodeId ? node : item))
          : [...state.nodes, node],
      };
    }
    case 'result':
      return {
        ...state,
        phase: data.status === 'succeeded' ? 'succeeded' : 'failed',
        runId: String(data.runId),
        outputs: (data.outputs ?? null) as ListenState['outputs'],
        runError: (data.error ?? null) as string | null,
      };
    case 'expired':
      return { ...state, phase: 'expired' };
    case 'cancelled':
      return { ...state, phase: 'stopped' };
    default:
      return state;
  }
}

/** One listener being followed: its stream, and its id once the server has answered. */
interface Following {
  readonly controller: AbortController;
  listenerId?: string;
}

/** `DELETE /listeners/{id}`: the server stops waiting at once and ends the listener's stream. */
function cancelListener(listenerId: string): Promise<void> {
  return apiRequest<void>(`/listeners/${encodeURIComponent(listenerId)}`, { method: 'DELETE' });
}

/** Cancels a listener nobody will look at any more; if that fails, it expires on its own. */
function cancelQuietly(listenerId: string): void {
  cancelListener(listenerId).catch(() => undefined);
}

/**
 * "Run this step" for a workflow's draft: asks the server to listen on one trigger node, then
 * follows the listener's event stream (captured event, each node's progress, the result). One
 * listener at a time; "Stop listening", a new start or leaving the page cancels the previous one
 * on the server, so no later event runs the draft.
 */
export function useListener(workflowId: string): Listening {
  const [state, setState] = useState<ListenState>(IDLE);
  const latest = useRef(state);
  latest.current = state;
  const current = useRef<Following | undefined>(undefined);

  const release = useCallback(() => {
    const following = current.current;
    current.current = undefined;
    if (!following) return;
    following.controller.abort();
    if (following.listenerId && isListenActive(latest.current.phase)) cancelQuietly(following.listenerId);
  }, []);

  useEffect(() => release, [release]);

  const start = useCallback(
    (nodeId: string) => {
      release();
      const following: Following = { controller: new AbortController() };
      const { controller } = following;
      current.current = following;
      const update = (change: (previous: ListenState) => ListenState) => {
        if (!controller.signal.aborted) setState(change);
      };
      setState({ phase: 'starting', nodeId, nodes: [] });
      const path = `/workflows/${encodeURIComponent(workflowId)}/draft/nodes/${encodeURIComponent(nodeId)}/listen`;
      apiRequest<ListenerAnswer>(path, { method: 'POST' })
        .then((listener) => {
          following.listenerId = listener.listenerId;
          // Stopped (or left) while the server was asking: nothing may wait on its behalf.
          if (controller.signal.aborted) {
            cancelQuietly(listener.listenerId);
            return;
          }
          update((previous) => ({ ...previous, phase: 'listening', expiresAt: listener.expiresAt }));
          return followEventStream(`/listeners/${encodeURIComponent(listener.listenerId)}/events`, {
            signal: controller.signal,
            onMessage: (message) => update((previous) => apply(previous, message)),
          });
        })
        .then(
          () =>
            update((previous) =>
              isListenActive(previous.phase)
                ? {
                    ...previous,
                    phase: 'error',
                    error: new Error(
                      'the event stream ended before the run did; its run page shows how it ended',
                    ),
                  }
                : previous,
            ),
          (error: unknown) => update((previous) => ({ ...previous, phase: 'error', error })),
        );
    },
    [workflowId, release],
  );

  const stop = useCallback(() => {
    const following = current.current;
    const { phase } = latest.current;
    if (!following || !isListenActive(phase) || phase === 'stopping') return;
    if (phase === 'running' || following.listenerId === undefined) {
      // A captured event's run goes on on the server: only following it stops. While the server
      // is still asked to listen, its answer is cancelled when it comes (see start).
      following.controller.abort();
      current.current = undefined;
      setState((previous) => ({ ...previous, phase: 'stopped' }));
      return;
    }
    setState((previous) => ({ ...previous, phase: 'stopping' }));
    // The stream may have told `cancelled` (or a result that came first) already: that stands.
    const settle = (ended: Partial<ListenState>) => {
      if (current.current !== following) return;
      current.current = undefined;
      following.controller.abort();
      setState((previous) => (previous.phase === 'stopping' ? { ...previous, ...ended } : previous));
    };
    cancelListener(following.listenerId).then(
      () => settle({ phase: 'stopped' }),
      (error: unknown) =>
        // 404: the listener has gone already (it expired, or the server restarted).
        settle(
          error instanceof ApiError && error.status === 404
            ? { phase: 'stopped' }
            : { phase: 'error', error },
        ),
    );
  }, []);

  return { state, start, stop };
}
