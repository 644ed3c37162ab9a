import type { NodeDefinitionLookup } from '../graph/check-nodes.js';
import { validateGraph } from '../graph/validate-graph.js';
import type { DslLimits } from './dsl-limits.js';
import { parseWorkflowDocument } from './parse-dsl.js';
import type { DslFormat, ParseWorkflowResult } from './workflow-document.js';

export interface ImportWorkflowInput {
  readonly text: string;
  readonly format: DslFormat;
  /** Node definitions; `getNodeDefinition` of the node registry in the service. */
  readonly definitions: NodeDefinitionLookup;
  readonly limits?: Partial<DslLimits>;
}

/**
 * Parses a DSL document and validates its graph: the whole check a document passes before it
 * becomes a workflow. Refused documents come back with every problem found; graph problems are
 * reported only once the document itself reads cleanly, since a half-read graph would mislead.
 * Their paths are relative to the graph (`nodes[2]`, `edges[0]`); canvas notes are not part of
 * it, so a position may differ from the document's, and messages therefore name node ids too.
 */
export function importWorkflowDocument(input: ImportWorkflowInput): ParseWorkflowResult {
  const parsed = parseWorkflowDocument(
    input.text,
    input.format,
    input.limits ? { limits: input.limits } : {},
  );
  if (!parsed.ok) return parsed;
  const problems = validateGraph(parsed.workflow.graph, {
    definitions: input.definitions,
    environmentVariables: parsed.workflow.environmentVariables.map((variable) => variable.name),
  });
  return problems.length > 0 ? { ok: false, problems } : parsed;
}
