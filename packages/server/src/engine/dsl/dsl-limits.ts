/** Bounds on what one document may hold, checked before any other work. */
export interface DslLimits {
  /** Size of the document text in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Entries of `workflow.graph.nodes`, canvas notes included. */
  readonly maxNodes: number;
  readonly maxEdges: number;
}

// Dify accepts 10 MB, but its documents carry LLM prompts; a trigger workflow of this size is far
// beyond what a person edits, and validation work grows with nodes times edges.
export const DEFAULT_DSL_LIMITS: DslLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxNodes: 500,
  maxEdges: 2000,
};
