/** The run API's answers (see the server's run schemas). */

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** What started a run. */
export interface RunTrigger {
  readonly nodeId: string;
  readonly type: string;
  readonly subscriptionId?: string;
  readonly event?: string;
  readonly action?: string;
  /** The request log whose event started the run. */
  readonly deliveryLogId?: string;
  readonly eventIndex?: number;
}

export interface RunSummary {
  readonly id: string;
  readonly workflowId: string;
  /** Null for a run of the draft. */
  readonly versionId: string | null;
  readonly draft: boolean;
  readonly status: RunStatus;
  readonly trigger: RunTrigger;
  readonly invokeFrom: string;
  readonly error: string | null;
  readonly attempt: number;
  readonly retryOf: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** One node's part of a run; `skipped` nodes were not on the path the run took. */
export interface NodeTrace {
  readonly nodeId: string;
  readonly type: string;
  readonly title: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** The if-else branch taken. */
  readonly branch?: string;
  readonly error?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

export interface Run extends RunSummary {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly trace: readonly NodeTrace[];
}

export interface RunPage {
  readonly items: readonly RunSummary[];
  readonly nextCursor: string | null;
}

/** A run that has not ended yet: its page keeps polling. */
export function isRunActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}
