import { DEFAULT_DSL_LIMITS } from '../engine/dsl/dsl-limits.js';
import { importWorkflowDocument } from '../engine/dsl/import-workflow-document.js';
import { parseWorkflowDocument } from '../engine/dsl/parse-dsl.js';
import { parseDslGraph } from '../engine/dsl/parse-dsl-graph.js';
import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import { validateGraphWithRegistry } from '../engine/graph/validate-graph-with-registry.js';
import type { WorkflowProblem } from '../engine/graph/workflow-problem.js';
import { getNodeDefinition } from '../engine/nodes/node-registry.js';
import { InvalidWorkflowError } from './workflow-errors.js';
import type { WorkflowInput } from './workflow-input.js';

/** The longest workflow name; Dify's limit too. */
const MAX_NAME = 100;

/** A new workflow's document: imported whole (every check passes) or refused whole. */
export function documentForCreate(input: Exclude<WorkflowInput, { kind: 'graph' }>): WorkflowDocument {
  if (input.kind === 'empty') {
    return {
      name: checkName(input.name, 'create the workflow'),
      description: checkDescription(input.description, 'create the workflow'),
      icon: { type: 'emoji', value: '🤖', background: '#FFEAD5' },
      graph: { nodes: [], edges: [] },
      environmentVariables: [],
      extras: {},
    };
  }
  const result = importWorkflowDocument({
    text: input.text,
    format: input.format,
    definitions: getNodeDefinition,
  });
  if (!result.ok) throw new InvalidWorkflowError('import the document', result.problems);
  return result.workflow;
}

/**
 * A draft after an edit. The document must read cleanly (a draft is kept as a document), but its
 * graph may still have problems: a draft is work in progress, checked fully when published or run.
 */
export function documentForDraft(current: WorkflowDocument, input: WorkflowInput): WorkflowDocument {
  const action = 'save the draft';
  switch (input.kind) {
    case 'document': {
      const result = parseWorkflowDocument(input.text, input.format);
      if (!result.ok) throw new InvalidWorkflowError(action, result.problems);
      return result.workflow;
    }
    case 'graph': {
      const result = parseDslGraph(input.graph, DEFAULT_DSL_LIMITS);
      if (!result.parsed) throw new InvalidWorkflowError(action, result.problems);
      const { graph, notes, viewport, extra } = result.parsed;
      return {
        ...current,
        name: input.name === undefined ? current.name : checkName(input.name, action),
        description:
          input.description === undefined ? current.description : checkDescription(input.description, action),
        graph,
        extras: { ...current.extras, notes, ...(viewport === undefined ? {} : { viewport }), graph: extra },
      };
    }
    case 'empty':
      throw new InvalidWorkflowError(action, [
        { path: 'body', message: 'send a DSL document, or {graph, name?, description?}' },
      ]);
    default: {
      const exhaustive: never = input;
      throw new Error(`unknown workflow input ${String(exhaustive)}`);
    }
  }
}

/** Graph problems of a document: what stands between a draft and publishing or running it. */
export function graphProblems(document: WorkflowDocument): WorkflowProblem[] {
  return validateGraphWithRegistry(document.graph, {
    environmentVariables: document.environmentVariables.map((variable) => variable.name),
  });
}

function checkName(value: unknown, action: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME) {
    throw new InvalidWorkflowError(action, [
      { path: 'name', message: `name must be a text of 1 to ${MAX_NAME} characters` },
    ]);
  }
  return value.trim();
}

function checkDescription(value: unknown, action: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new InvalidWorkflowError(action, [{ path: 'description', message: 'description must be a text' }]);
  }
  return value;
}
