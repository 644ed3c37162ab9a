import { isRecord } from '../graph/is-record.js';
import type { WorkflowProblem } from '../graph/workflow-problem.js';
import { checkDslFeatures } from './check-dsl-features.js';
import { DEFAULT_DSL_LIMITS, type DslLimits } from './dsl-limits.js';
import { parseDslApp } from './parse-dsl-app.js';
import { parseDslGraph } from './parse-dsl-graph.js';
import { checkConversationVariables, parseEnvironmentVariables } from './parse-dsl-variables.js';
import { readDocumentText } from './read-document-text.js';
import type { DslFormat, ParseWorkflowResult } from './workflow-document.js';

export interface ParseWorkflowOptions {
  readonly limits?: Partial<DslLimits>;
}

const VERSION = /^\d+\.\d+\.\d+/;

/**
 * Reads a Dify app DSL document (`kind: app`, `app.mode: workflow`) into a workflow. A document
 * is taken whole or refused whole: every problem found is returned, naming its path, the node ids
 * involved and the allowed values. Graph-level rules (entry nodes, cycles, references, node data)
 * are `validateGraph`'s; `importWorkflowDocument` runs both.
 *
 * @example
 * const result = parseWorkflowDocument(yamlText, 'yaml');
 * if (!result.ok) throw new ValidationError(result.problems.map((p) => p.message).join('\n'));
 */
export function parseWorkflowDocument(
  text: string,
  format: DslFormat,
  options: ParseWorkflowOptions = {},
): ParseWorkflowResult {
  const limits = { ...DEFAULT_DSL_LIMITS, ...options.limits };
  const read = readDocumentText(text, format, limits.maxBytes);
  if (!read.ok) return read;
  const document = read.value;
  if (!isRecord(document)) {
    return refuse([
      { path: 'document', message: 'the document must be a mapping with version, kind, app and workflow' },
    ]);
  }
  const { version, kind, app: rawApp, workflow: rawWorkflow, dependencies, ...documentExtra } = document;
  const problems: WorkflowProblem[] = [];
  if (version !== undefined && (typeof version !== 'string' || !VERSION.test(version))) {
    problems.push({
      path: 'version',
      message: `version must be a string such as "0.5.0"; found ${JSON.stringify(version)}`,
    });
  }
  if (kind !== 'app') {
    problems.push({
      path: 'kind',
      message: `kind must be "app"; found ${kind === undefined ? 'nothing' : JSON.stringify(kind)}`,
    });
  }
  const app = parseDslApp(rawApp);
  problems.push(...app.problems);
  // Chat apps have no workflow graph worth reporting on; their mode is the one problem to fix.
  if (problems.some((problem) => problem.path === 'app.mode' || problem.path === 'kind')) {
    return refuse(problems);
  }
  if (!isRecord(rawWorkflow)) {
    return refuse([...problems, { path: 'workflow', message: 'workflow must be a mapping holding graph' }]);
  }
  const {
    graph: rawGraph,
    features,
    environment_variables: rawEnvironment,
    conversation_variables: rawConversation,
    ...workflowExtra
  } = rawWorkflow;
  const graph = parseDslGraph(rawGraph, limits);
  const environment = parseEnvironmentVariables(rawEnvironment);
  problems.push(
    ...graph.problems,
    ...environment.problems,
    ...checkConversationVariables(rawConversation),
    ...checkDslFeatures(features),
  );
  if (dependencies !== undefined && dependencies !== null && !Array.isArray(dependencies)) {
    problems.push({ path: 'dependencies', message: 'dependencies must be a list' });
  }
  if (problems.length > 0 || !app.app || !graph.parsed) return refuse(problems);
  return {
    ok: true,
    workflow: {
      name: app.app.name,
      description: app.app.description,
      icon: app.app.icon,
      graph: graph.parsed.graph,
      environmentVariables: environment.variables,
      extras: {
        ...(typeof version === 'string' ? { version } : {}),
        app: app.app.extra,
        ...(Array.isArray(dependencies) ? { dependencies } : {}),
        ...(features !== undefined ? { features } : {}),
        ...(graph.parsed.viewport !== undefined ? { viewport: graph.parsed.viewport } : {}),
        notes: graph.parsed.notes,
        document: documentExtra,
        workflow: workflowExtra,
        graph: graph.parsed.extra,
      },
    },
  };
}

function refuse(problems: readonly WorkflowProblem[]): ParseWorkflowResult {
  return { ok: false, problems };
}
