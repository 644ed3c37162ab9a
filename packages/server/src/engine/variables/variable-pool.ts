import type { VariablePool } from '../nodes/node-definition.js';
import type { VariableSelector } from '../workflow-graph.js';
import {
  ENVIRONMENT_NODE_ID,
  RESERVED_NODE_IDS,
  SYSTEM_NODE_ID,
  type SystemVariables,
} from './system-variables.js';
import { replaceReferences, valueToText } from './variable-reference.js';

export interface RunVariablePoolOptions {
  readonly system: SystemVariables;
  /** The workflow's environment variables, read as `['env', NAME]`. */
  readonly environment?: Readonly<Record<string, unknown>>;
}

/**
 * The variables of one run: each executed node's outputs under its id, plus `sys` and `env`.
 * Lookups walk own properties only, so a selector can never reach a prototype.
 */
export class RunVariablePool implements VariablePool {
  readonly #nodes = new Map<string, Readonly<Record<string, unknown>>>();

  constructor(options: RunVariablePoolOptions) {
    this.#nodes.set(SYSTEM_NODE_ID, { ...options.system });
    this.#nodes.set(ENVIRONMENT_NODE_ID, { ...options.environment });
  }

  /** Records what a node produced; running a node again (a retry) replaces its outputs. */
  set(nodeId: string, outputs: Readonly<Record<string, unknown>>): void {
    if (RESERVED_NODE_IDS.includes(nodeId)) {
      throw new Error(
        `node id "${nodeId}" is reserved for ${nodeId === SYSTEM_NODE_ID ? 'system' : 'environment'} variables`,
      );
    }
    this.#nodes.set(nodeId, outputs);
  }

  has(nodeId: string): boolean {
    return this.#nodes.has(nodeId);
  }

  outputsOf(nodeId: string): Readonly<Record<string, unknown>> | undefined {
    return this.#nodes.get(nodeId);
  }

  get(selector: VariableSelector): unknown {
    const [nodeId, ...path] = selector;
    if (nodeId === undefined || path.length === 0) return undefined;
    return walkPath(this.#nodes.get(nodeId), path);
  }

  render(template: string): string {
    return replaceReferences(template, (selector) => valueToText(this.get(selector)));
  }
}

/**
 * Follows a path into nested objects and arrays (`['items', '0', 'name']`); undefined as soon as a
 * step is missing.
 */
export function walkPath(root: unknown, path: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
