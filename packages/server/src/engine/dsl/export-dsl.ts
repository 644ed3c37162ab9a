import { stringify } from 'yaml';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../workflow-graph.js';
import type { EnvironmentVariable, WorkflowDocument } from './workflow-document.js';

/**
 * The DSL version written for workflows that were not imported. Dify imports a document of an
 * older minor version with a warning and asks to confirm a newer one; trigger nodes exist from
 * this version on.
 */
export const DEFAULT_DSL_VERSION = '0.5.0';

export interface ExportWorkflowOptions {
  /**
   * Clear, as Dify's export does, the ids that tie trigger nodes to one workspace: a plugin
   * trigger's `subscription_id` and a webhook trigger's URLs. For documents meant to be shared;
   * off by default so that an export imports back into its workspace (a plugin trigger without
   * a subscription is refused there).
   */
  readonly clearWorkspaceBindings?: boolean;
}

/**
 * Writes a workflow as a Dify app DSL document (YAML, keys sorted as Dify writes them). Fields
 * Tripline does not run but read on import (canvas layout, notes, features, dependencies,
 * unknown node and edge fields) are written back, so an imported document exports unchanged.
 *
 * @example
 * reply.type('application/yaml').send(exportWorkflowDocument(workflow));
 */
export function exportWorkflowDocument(
  workflow: WorkflowDocument,
  options: ExportWorkflowOptions = {},
): string {
  const { extras } = workflow;
  const document = {
    ...extras.document,
    version: extras.version ?? DEFAULT_DSL_VERSION,
    kind: 'app',
    app: {
      ...extras.app,
      name: workflow.name,
      mode: 'workflow',
      description: workflow.description,
      icon: workflow.icon.value,
      icon_type: workflow.icon.type,
      icon_background: workflow.icon.background,
    },
    dependencies: extras.dependencies ?? [],
    workflow: {
      ...extras.workflow,
      conversation_variables: [],
      environment_variables: workflow.environmentVariables.map(exportVariable),
      features: extras.features ?? {},
      graph: {
        ...extras.graph,
        nodes: [
          ...workflow.graph.nodes.map((node) => exportNode(node, options.clearWorkspaceBindings ?? false)),
          ...(extras.notes ?? []),
        ],
        edges: workflow.graph.edges.map((edge) => exportEdge(edge, workflow.graph)),
        viewport: extras.viewport ?? { x: 0, y: 0, zoom: 1 },
      },
    },
  };
  return stringify(document, { sortMapEntries: true, aliasDuplicateObjects: false, lineWidth: 0 });
}

// Fields Dify's canvas needs are filled in when missing (a node made here, or hand-written YAML);
// documents Dify wrote have them all and come back unchanged.
function exportNode(node: WorkflowNode, clearBindings: boolean): Record<string, unknown> {
  return {
    type: 'custom',
    ...node.extra,
    id: node.id,
    data: clearBindings ? withoutBindings(node) : node.data,
    ...(node.position ? { position: node.position } : {}),
  };
}

/** Clears, as Dify's export does, the fields that point at this installation. */
function withoutBindings(node: WorkflowNode): WorkflowNode['data'] {
  const fields =
    node.type === 'trigger-plugin'
      ? ['subscription_id']
      : node.type === 'trigger-webhook'
        ? ['webhook_url', 'webhook_debug_url']
        : [];
  const data: Record<string, unknown> = { ...node.data };
  for (const field of fields) if (field in data) data[field] = '';
  return data as WorkflowNode['data'];
}

function exportEdge(edge: WorkflowEdge, graph: WorkflowGraph): Record<string, unknown> {
  const core = {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    targetHandle: edge.targetHandle,
  };
  const typeOf = (id: string) => graph.nodes.find((node) => node.id === id)?.type;
  return {
    type: 'custom',
    zIndex: 0,
    data: {
      sourceType: typeOf(edge.source),
      targetType: typeOf(edge.target),
      isInIteration: false,
      isInLoop: false,
    },
    ...edge.extra,
    ...core,
  };
}

function exportVariable(variable: EnvironmentVariable): Record<string, unknown> {
  return {
    ...variable.extra,
    ...(variable.id !== undefined ? { id: variable.id } : {}),
    name: variable.name,
    value_type: variable.valueType,
    value: variable.value,
    description: variable.description,
  };
}
