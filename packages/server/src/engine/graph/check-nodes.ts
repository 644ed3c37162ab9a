import type { NodeDefinition } from '../nodes/node-definition.js';
import { RESERVED_NODE_IDS } from '../variables/system-variables.js';
import type { NodeType, WorkflowGraph } from '../workflow-graph.js';
import { isNodeType, NODE_TYPES } from '../workflow-graph.js';
import { nodeLabel } from './node-label.js';
import type { WorkflowProblem } from './workflow-problem.js';

/** Finds the definition of a node type; the node registry in production, fakes in tests. */
export type NodeDefinitionLookup = (type: NodeType) => NodeDefinition;

/**
 * What a node id may look like: what a `{{#nodeId.name#}}` reference can name (Dify's ids are
 * digits; `http-1` or a UUID work too).
 */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/** A node whose data its definition accepted, with what the definition made of it. */
export interface CheckedNode {
  readonly position: number;
  readonly definition: NodeDefinition;
  readonly data: unknown;
}

/**
 * Node ids are unique, referenceable and not reserved, types are ones Tripline runs, and each node's data passes its
 * definition. Returns the accepted nodes by id for the checks that read their data.
 */
export function checkNodes(
  graph: WorkflowGraph,
  definitions: NodeDefinitionLookup,
): { problems: WorkflowProblem[]; checked: Map<string, CheckedNode> } {
  const problems: WorkflowProblem[] = [];
  const checked = new Map<string, CheckedNode>();
  const firstPosition = new Map<string, number>();
  graph.nodes.forEach((node, position) => {
    const path = `nodes[${position}]`;
    if (typeof node.id !== 'string' || !NODE_ID_PATTERN.test(node.id)) {
      problems.push({
        path: `${path}.id`,
        message: `${path} id ${JSON.stringify(node.id)}: an id must be 1 to 64 letters, digits, _ or -, not starting with -`,
      });
      return;
    }
    if (RESERVED_NODE_IDS.includes(node.id)) {
      problems.push({
        path: `${path}.id`,
        message: `${path} id "${node.id}" is reserved for ${node.id} variables; reserved ids: ${RESERVED_NODE_IDS.join(', ')}`,
      });
      return;
    }
    const first = firstPosition.get(node.id);
    if (first !== undefined) {
      problems.push({
        path: `${path}.id`,
        message: `${path} id "${node.id}" repeats the id of nodes[${first}]; node ids must be unique`,
      });
      return;
    }
    firstPosition.set(node.id, position);
    if (!isNodeType(node.type)) {
      problems.push({
        path: `${path}.type`,
        message: `${path} id "${node.id}" type "${String(node.type)}" is not supported; supported types: ${NODE_TYPES.join(', ')}`,
      });
      return;
    }
    if (node.data?.type !== node.type) {
      problems.push({
        path: `${path}.data.type`,
        message: `${nodeLabel(position, node)}: data.type "${String(node.data?.type)}" must equal the node type "${node.type}"`,
      });
      return;
    }
    const definition = definitions(node.type);
    const parsed = definition.parse(node.data, nodeLabel(position, node));
    if (!parsed.ok) {
      for (const message of parsed.problems) problems.push({ path, message });
      return;
    }
    checked.set(node.id, { position, definition, data: parsed.data });
  });
  return { problems, checked };
}
