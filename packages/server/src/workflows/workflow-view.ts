import type { WorkflowIcon } from '../engine/dsl/workflow-document.js';
import type { WorkflowProblem } from '../engine/graph/workflow-problem.js';
import type { WorkflowGraph } from '../engine/workflow-graph.js';
import type { WorkflowRecord, WorkflowSummaryRecord } from '../store/workflow-records.js';

/** A workflow as lists show it. */
export interface WorkflowSummaryView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The published version's number, or null while only the draft exists. */
  readonly publishedVersion: number | null;
  readonly publishedVersionId: string | null;
  readonly draftUpdatedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WorkflowView extends WorkflowSummaryView {
  readonly icon: WorkflowIcon;
}

/** The draft as the editor reads and writes it: nodes and edges in the DSL's own shape. */
export interface DraftView {
  readonly workflowId: string;
  readonly name: string;
  readonly description: string;
  readonly graph: {
    readonly nodes: Record<string, unknown>[];
    readonly edges: Record<string, unknown>[];
  };
  readonly environmentVariables: {
    readonly name: string;
    readonly valueType: string;
    readonly value: string | number;
  }[];
  /** What must be fixed before the draft can be published or run; empty when none. */
  readonly problems: WorkflowProblem[];
  readonly updatedAt: string;
}

export function toWorkflowSummaryView(record: WorkflowSummaryRecord): WorkflowSummaryView {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    publishedVersion: record.publishedVersion,
    publishedVersionId: record.publishedVersionId,
    draftUpdatedAt: record.draftUpdatedAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toWorkflowView(record: WorkflowRecord, publishedVersion: number | null): WorkflowView {
  return {
    ...toWorkflowSummaryView({ ...record, publishedVersion }),
    icon: record.draft.icon,
  };
}

export function toDraftView(record: WorkflowRecord, problems: readonly WorkflowProblem[]): DraftView {
  return {
    workflowId: record.id,
    name: record.name,
    description: record.description,
    graph: dslGraph(record.draft.graph),
    environmentVariables: record.draft.environmentVariables.map((variable) => ({
      name: variable.name,
      valueType: variable.valueType,
      value: variable.value,
    })),
    problems: [...problems],
    updatedAt: record.draftUpdatedAt.toISOString(),
  };
}

/** Nodes and edges as the DSL writes them, so a graph read here can be sent back as is. */
export function dslGraph(graph: WorkflowGraph): DraftView['graph'] {
  return {
    nodes: graph.nodes.map((node) => ({
      ...node.extra,
      id: node.id,
      data: node.data,
      ...(node.position ? { position: node.position } : {}),
    })),
    edges: graph.edges.map((edge) => ({
      ...edge.extra,
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      targetHandle: edge.targetHandle,
    })),
  };
}
