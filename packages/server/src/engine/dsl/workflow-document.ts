import type { WorkflowProblem } from '../graph/workflow-problem.js';
import type { WorkflowGraph } from '../workflow-graph.js';

export type DslFormat = 'yaml' | 'json';

/** Dify's app icon: an emoji, an uploaded image id, or an image URL, on a background colour. */
export interface WorkflowIcon {
  readonly type: 'emoji' | 'image' | 'link';
  readonly value: string;
  readonly background: string;
}

/** Environment variables Tripline keeps: plain strings and numbers (see parse-dsl-variables.ts). */
export interface EnvironmentVariable {
  readonly id?: string;
  readonly name: string;
  readonly valueType: 'string' | 'number';
  readonly value: string | number;
  readonly description: string;
  /** Other fields of the DSL entry (Dify writes `selector`), kept for export. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * Parts of a Dify document Tripline does not run but writes back on export, so a document
 * survives import and export unchanged.
 */
export interface DslExtras {
  /** The document's DSL version, written back as it came. */
  readonly version?: string;
  /** `app` fields other than name, description, mode and icon (`use_icon_as_answer_icon`...). */
  readonly app?: Readonly<Record<string, unknown>>;
  /** Dify's plugin dependencies, for a Dify that imports the export. */
  readonly dependencies?: readonly unknown[];
  /** Dify's app features (web app UI settings); enabled ones Tripline cannot honour are refused. */
  readonly features?: unknown;
  /** The canvas viewport. */
  readonly viewport?: unknown;
  /** Canvas notes (`type: custom-note`): annotations, not nodes, so not part of the graph. */
  readonly notes?: readonly unknown[];
  /** Unknown keys at the top level, in `workflow` and in `workflow.graph`. */
  readonly document?: Readonly<Record<string, unknown>>;
  readonly workflow?: Readonly<Record<string, unknown>>;
  readonly graph?: Readonly<Record<string, unknown>>;
}

/** A workflow app as a Dify DSL document holds it. */
export interface WorkflowDocument {
  readonly name: string;
  readonly description: string;
  readonly icon: WorkflowIcon;
  readonly graph: WorkflowGraph;
  readonly environmentVariables: readonly EnvironmentVariable[];
  readonly extras: DslExtras;
}

export type ParseWorkflowResult =
  | { readonly ok: true; readonly workflow: WorkflowDocument }
  | { readonly ok: false; readonly problems: readonly WorkflowProblem[] };
