import type { DslFormat } from '../engine/dsl/workflow-document.js';
import { isRecord } from '../engine/graph/is-record.js';

/** What a request body asks for, before any of it is checked against the DSL. */
export type WorkflowInput =
  | { readonly kind: 'document'; readonly text: string; readonly format: DslFormat }
  | {
      readonly kind: 'graph';
      readonly graph: unknown;
      readonly name?: unknown;
      readonly description?: unknown;
    }
  | { readonly kind: 'empty'; readonly name: unknown; readonly description?: unknown };

/** Keys that only a whole DSL document has at its top level. */
const DOCUMENT_KEYS = ['kind', 'app', 'workflow', 'version'];

/**
 * Reads a body: YAML text is a DSL document; a JSON object is a DSL document when it has the
 * document's keys, a graph (`{graph, name?, description?}`) when it has `graph`, and otherwise
 * `{name, description?}` for an empty draft.
 */
export function readWorkflowInput(
  body: unknown,
): WorkflowInput | { readonly kind: 'invalid'; readonly message: string } {
  if (typeof body === 'string') return { kind: 'document', text: body, format: 'yaml' };
  if (!isRecord(body)) {
    return {
      kind: 'invalid',
      message:
        'send a Dify DSL document as application/yaml or JSON, {graph} to replace the graph, or {name} for an empty workflow',
    };
  }
  if (DOCUMENT_KEYS.some((key) => key in body)) {
    return { kind: 'document', text: JSON.stringify(body), format: 'json' };
  }
  if ('graph' in body) {
    return { kind: 'graph', graph: body.graph, name: body.name, description: body.description };
  }
  return { kind: 'empty', name: body.name, description: body.description };
}
