import { randomUUID } from 'node:crypto';

import { newTimeOrderedId } from '../domain/ids.js';
import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import { T0 } from './contract-fixtures.js';
import type { Store } from './store.js';
import type { NewRunRecord, NewTriggerLink, WorkflowRecord } from './workflow-records.js';

/** Fixtures of the workflow and run contract cases. The store does not read documents, so any will do. */

export function documentNamed(name: string): WorkflowDocument {
  return {
    name,
    description: `${name} described`,
    icon: { type: 'emoji', value: '🐙', background: '#FFFFFF' },
    graph: { nodes: [], edges: [] },
    environmentVariables: [{ name: 'channel', valueType: 'string', value: '#dev', description: '' }],
    extras: { version: '0.5.0' },
  };
}

export function workflowRecord(workspaceId: string, overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  const name = overrides.name ?? 'Flow';
  return {
    id: randomUUID(),
    workspaceId,
    name,
    description: `${name} described`,
    draft: documentNamed(name),
    draftUpdatedAt: T0,
    publishedVersionId: null,
    createdBy: 'member-1',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export async function insertWorkflow(
  store: Store,
  workspaceId: string,
  overrides: Partial<WorkflowRecord> = {},
): Promise<WorkflowRecord> {
  const workflow = workflowRecord(workspaceId, overrides);
  await store.workflows.insert(workflow);
  return workflow;
}

export function pluginTrigger(
  nodeId: string,
  subscriptionId: string | null,
  event = 'issues',
): NewTriggerLink {
  return {
    nodeId,
    nodeType: 'trigger-plugin',
    title: `On ${event}`,
    integration: 'github',
    event,
    subscriptionId,
    eventParameters: { actions: ['opened'] },
  };
}

/** Publishes and fails the test when the store refuses. */
export async function publish(
  store: Store,
  workflow: WorkflowRecord,
  triggers: readonly NewTriggerLink[],
  at: Date = T0,
): Promise<string> {
  const versionId = randomUUID();
  const result = await store.workflows.publish({
    workspaceId: workflow.workspaceId,
    workflowId: workflow.id,
    versionId,
    document: workflow.draft,
    triggers,
    createdBy: 'member-1',
    now: at,
  });
  if (!result.ok) throw new Error(`publish refused: ${result.reason}`);
  return versionId;
}

export function newRun(
  workflow: { readonly id: string; readonly workspaceId: string },
  overrides: Partial<NewRunRecord> = {},
): NewRunRecord {
  return {
    id: newTimeOrderedId(),
    workspaceId: workflow.workspaceId,
    workflowId: workflow.id,
    versionId: null,
    document: null,
    trigger: { nodeId: 'start', type: 'start' },
    invokeFrom: 'debugger',
    inputs: { name: 'Ada' },
    attempt: 1,
    retryOf: null,
    deliveryLogId: null,
    eventIndex: null,
    createdBy: 'member-1',
    createdAt: T0,
    ...overrides,
  };
}
