import type { WorkflowVersionRecord } from '../store/workflow-records.js';
import { type DraftView, dslGraph } from './workflow-view.js';

/** A published version as the version list shows it. */
export interface WorkflowVersionSummaryView {
  readonly id: string;
  readonly workflowId: string;
  /** 1 for the first publication, then 2, 3... */
  readonly version: number;
  readonly publishedAt: string;
  /** The member who published it. */
  readonly publishedBy: string;
}

/** One published version with its document, in the shape GET .../draft gives the draft. */
export interface WorkflowVersionView extends WorkflowVersionSummaryView {
  readonly name: string;
  readonly description: string;
  readonly graph: DraftView['graph'];
  readonly environmentVariables: DraftView['environmentVariables'];
}

export function toVersionSummaryView(
  version: Omit<WorkflowVersionRecord, 'document'>,
): WorkflowVersionSummaryView {
  return {
    id: version.id,
    workflowId: version.workflowId,
    version: version.version,
    publishedAt: version.createdAt.toISOString(),
    publishedBy: version.createdBy,
  };
}

export function toVersionView(version: WorkflowVersionRecord): WorkflowVersionView {
  const { document } = version;
  return {
    ...toVersionSummaryView(version),
    name: document.name,
    description: document.description,
    graph: dslGraph(document.graph),
    environmentVariables: document.environmentVariables.map((variable) => ({
      name: variable.name,
      valueType: variable.valueType,
      value: variable.value,
    })),
  };
}
