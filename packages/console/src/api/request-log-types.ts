/** A subscription's request logs as the API answers them: each request received and what it started. */

export const REQUEST_OUTCOMES = [
  'accepted',
  'no_events',
  'duplicate',
  'unauthorized',
  'unreadable',
  'too_large',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export interface TriggerOutcome {
  readonly outcome: 'ran' | 'filtered_out' | 'disabled' | 'error';
  readonly workflowId: string;
  readonly nodeId: string;
  readonly runId?: string;
  readonly draft?: boolean;
  readonly reason?: string;
}

export interface EventDispatch {
  readonly index: number;
  readonly name: string;
  readonly action?: string;
  readonly outcome: 'triggered' | 'no_listener' | 'unreadable';
  readonly reason?: string;
  readonly triggers: readonly TriggerOutcome[];
}

export interface RequestLog {
  readonly id: string;
  readonly receivedAt: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
    readonly bodyEncoding: 'utf8' | 'base64';
    readonly bodySize: number;
    readonly bodyTruncated: boolean;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
  readonly deliveryId: string | null;
  readonly events: readonly { readonly name: string; readonly action?: string }[];
  readonly outcome: RequestOutcome;
  readonly reason: string | null;
  readonly dispatchState: 'pending' | 'done' | 'none';
  readonly runs: readonly string[];
  readonly dispatch: readonly EventDispatch[];
  readonly replayOf: string | null;
}

export interface RequestLogPage {
  /** Newest first. */
  readonly items: readonly RequestLog[];
  /** Pass as `before` for the next, older page; null on the last page. */
  readonly nextCursor: string | null;
}
