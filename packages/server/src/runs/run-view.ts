import type { InvokeFrom } from '../engine/variables/system-variables.js';
import type {
  NodeTrace,
  RunRecord,
  RunStatus,
  RunSummaryRecord,
  RunTrigger,
} from '../store/workflow-records.js';

/** A run as lists show it. */
export interface RunSummaryView {
  readonly id: string;
  readonly workflowId: string;
  /** The published version run; null for a run of the draft. */
  readonly versionId: string | null;
  readonly draft: boolean;
  readonly status: RunStatus;
  readonly trigger: RunTrigger;
  readonly invokeFrom: InvokeFrom;
  readonly error: string | null;
  readonly attempt: number;
  readonly retryOf: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface RunView extends RunSummaryView {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>> | null;
  readonly trace: NodeTrace[];
}

export function toRunSummaryView(record: RunSummaryRecord): RunSummaryView {
  return {
    id: record.id,
    workflowId: record.workflowId,
    versionId: record.versionId,
    draft: record.versionId === null,
    status: record.status,
    trigger: record.trigger,
    invokeFrom: record.invokeFrom,
    error: record.error,
    attempt: record.attempt,
    retryOf: record.retryOf,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

export function toRunView(record: RunRecord): RunView {
  return {
    ...toRunSummaryView(record),
    inputs: record.inputs,
    outputs: record.outputs,
    trace: [...record.trace],
  };
}
