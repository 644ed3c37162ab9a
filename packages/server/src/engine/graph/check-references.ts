import { ENVIRONMENT_NODE_ID, SYSTEM_NODE_ID, SYSTEM_VARIABLE_NAMES } from '../variables/system-variables.js';
import { formatReference } from '../variables/variable-reference.js';
import type { VariableSelector } from '../workflow-graph.js';
import type { CheckedNode } from './check-nodes.js';
import { type GraphIndex, reachableFrom } from './graph-index.js';
import { nodeLabel } from './node-label.js';
import type { WorkflowProblem } from './workflow-problem.js';

export interface CheckReferencesOptions {
  readonly index: GraphIndex;
  readonly checked: ReadonlyMap<string, CheckedNode>;
  /** Names of the workflow's environment variables; when given, `env` references must name one. */
  readonly environmentVariables?: readonly string[];
}

/**
 * Every selector a node reads points at a `sys` variable, a declared `env` variable, or a node
 * upstream of it (a value from a later or unrelated node would never be there when the node
 * runs), and names one of that node's outputs when the node declares them.
 */
export function checkReferences(options: CheckReferencesOptions): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  for (const [id, node] of options.checked) {
    const selectors = node.definition.references(node.data);
    if (selectors.length === 0) continue;
    const upstream = reachableFrom(options.index, id, 'up');
    upstream.delete(id);
    const reader: Reader = { id, upstream, options };
    const label = nodeLabel(node.position, options.index.nodeById.get(id)!);
    for (const selector of selectors) {
      const reason = referenceProblem(reader, selector);
      if (reason === undefined) continue;
      problems.push({
        path: `nodes[${node.position}]`,
        message: `${label} references ${formatReference(selector)}, but ${reason}`,
      });
    }
  }
  return problems;
}

interface Reader {
  readonly id: string;
  readonly upstream: ReadonlySet<string>;
  readonly options: CheckReferencesOptions;
}

/** Why the node cannot read this selector, or undefined when it can. */
function referenceProblem(reader: Reader, selector: VariableSelector): string | undefined {
  const { index, checked, environmentVariables } = reader.options;
  const [head = '', name = ''] = selector;
  if (selector.length < 2 || selector.some((part) => typeof part !== 'string' || part === '')) {
    return 'a reference needs a node id and a variable name';
  }
  if (head === SYSTEM_NODE_ID) {
    return (SYSTEM_VARIABLE_NAMES as readonly string[]).includes(name)
      ? undefined
      : `there is no system variable "${name}"; available: ${SYSTEM_VARIABLE_NAMES.join(', ')}`;
  }
  if (head === ENVIRONMENT_NODE_ID) {
    return !environmentVariables || environmentVariables.includes(name)
      ? undefined
      : `the workflow has no environment variable "${name}"`;
  }
  if (head === 'conversation') return 'conversation variables exist only in chat apps';
  const target = index.nodeById.get(head);
  if (!target) return `there is no node "${head}"`;
  if (!reader.upstream.has(head)) {
    const where =
      head === reader.id
        ? 'that is its own output'
        : `node "${head}" is ${reachableFrom(index, reader.id).has(head) ? 'downstream of it' : 'not upstream of it'}`;
    return `${where}; a node can read only nodes that run before it`;
  }
  const source = checked.get(head);
  const outputs = source?.definition.outputNames(source.data);
  if (!outputs || outputs.includes(name)) return undefined;
  return `node "${head}" (${target.type}) outputs only: ${outputs.length > 0 ? outputs.join(', ') : '(nothing)'}`;
}
