import type { WorkflowDocument } from '../../engine/dsl/workflow-document.js';
import type { InvokeFrom } from '../../engine/variables/system-variables.js';
import type { TriggerNodeType } from '../../engine/workflow-graph.js';
import type {
  NewRunRecord,
  NodeTrace,
  RunRecord,
  RunStatus,
  RunSummaryRecord,
  RunTrigger,
  TriggerLinkRecord,
  WorkflowRecord,
  WorkflowVersionRecord,
} from '../workflow-records.js';
import type { RunsTable, WorkflowsTable, WorkflowTriggersTable, WorkflowVersionsTable } from './database.js';
import { parseJson, toDate, toDateOrNull } from './row-mapping.js';

// As in row-mapping.ts: string unions are guarded by CHECK constraints, so rows are trusted.

export function toWorkflow(row: WorkflowsTable): WorkflowRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    draft: parseJson<WorkflowDocument>(row.draft),
    draftUpdatedAt: toDate(row.draft_updated_at),
    publishedVersionId: row.published_version_id,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function fromWorkflow(record: WorkflowRecord): WorkflowsTable {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    name: record.name,
    description: record.description,
    draft: JSON.stringify(record.draft),
    draft_updated_at: record.draftUpdatedAt.getTime(),
    published_version_id: record.publishedVersionId,
    created_by: record.createdBy,
    created_at: record.createdAt.getTime(),
    updated_at: record.updatedAt.getTime(),
  };
}

export function toWorkflowVersion(row: WorkflowVersionsTable): WorkflowVersionRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workspaceId: row.workspace_id,
    version: Number(row.version),
    document: parseJson<WorkflowDocument>(row.document),
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
  };
}

export function toTriggerLink(row: WorkflowTriggersTable): TriggerLinkRecord {
  return {
    workflowId: row.workflow_id,
    nodeId: row.node_id,
    workspaceId: row.workspace_id,
    versionId: row.version_id,
    nodeType: row.node_type as TriggerNodeType,
    title: row.title,
    integration: row.integration,
    event: row.event,
    subscriptionId: row.subscription_id,
    eventParameters: parseJson<Record<string, unknown>>(row.event_parameters),
    enabled: Number(row.enabled) === 1,
  };
}

export function fromNewRun(run: NewRunRecord): RunsTable {
  return {
    id: run.id,
    workspace_id: run.workspaceId,
    workflow_id: run.workflowId,
    version_id: run.versionId,
    document: run.document === null ? null : JSON.stringify(run.document),
    trigger_node_id: run.trigger.nodeId,
    trigger: JSON.stringify(run.trigger),
    invoke_from: run.invokeFrom,
    status: 'queued',
    inputs: JSON.stringify(run.inputs),
    outputs: null,
    error: null,
    trace: '[]',
    attempt: run.attempt,
    retry_of: run.retryOf,
    delivery_log_id: run.deliveryLogId,
    event_index: run.eventIndex,
    worker_id: null,
    heartbeat_at: null,
    created_by: run.createdBy,
    created_at: run.createdAt.getTime(),
    started_at: null,
    finished_at: null,
  };
}

export type RunSummaryRow = Omit<RunsTable, 'document' | 'inputs' | 'outputs' | 'trace'>;

/** The columns of a run list: everything but the large JSON ones. */
export const RUN_SUMMARY_COLUMNS = [
  'id',
  'workspace_id',
  'workflow_id',
  'version_id',
  'trigger_node_id',
  'trigger',
  'invoke_from',
  'status',
  'error',
  'attempt',
  'retry_of',
  'delivery_log_id',
  'event_index',
  'worker_id',
  'heartbeat_at',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
] as const satisfies readonly (keyof RunSummaryRow)[];

export function toRunSummary(row: RunSummaryRow): RunSummaryRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    versionId: row.version_id,
    trigger: parseJson<RunTrigger>(row.trigger),
    invokeFrom: row.invoke_from as InvokeFrom,
    status: row.status as RunStatus,
    error: row.error,
    attempt: Number(row.attempt),
    retryOf: row.retry_of,
    deliveryLogId: row.delivery_log_id,
    eventIndex: row.event_index === null ? null : Number(row.event_index),
    workerId: row.worker_id,
    heartbeatAt: toDateOrNull(row.heartbeat_at),
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    startedAt: toDateOrNull(row.started_at),
    finishedAt: toDateOrNull(row.finished_at),
  };
}

export function toRun(row: RunsTable): RunRecord {
  return {
    ...toRunSummary(row),
    document: row.document === null ? null : parseJson<WorkflowDocument>(row.document),
    inputs: parseJson<Record<string, unknown>>(row.inputs),
    outputs: row.outputs === null ? null : parseJson<Record<string, unknown>>(row.outputs),
    trace: parseJson<NodeTrace[]>(row.trace),
  };
}
