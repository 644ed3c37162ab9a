import { NODE_TYPES, type NodeType } from '../workflow-graph.js';
import { type CodeNodeOptions, createCodeNode } from './code/code-node.js';
import { endNode } from './end/end-node.js';
import { createHttpRequestNode, type HttpRequestNodeOptions } from './http-request/http-request-node.js';
import { ifElseNode } from './if-else/if-else-node.js';
import type { NodeDefinition } from './node-definition.js';
import { startNode } from './start/start-node.js';
import {
  createTemplateTransformNode,
  type TemplateTransformOptions,
} from './template-transform/template-transform-node.js';
import { triggerPluginNode } from './trigger-plugin/trigger-plugin-node.js';
import { triggerScheduleNode } from './trigger-schedule/trigger-schedule-node.js';
import { triggerWebhookNode } from './trigger-webhook/trigger-webhook-node.js';
import { variableAggregatorNode } from './variable-aggregator/variable-aggregator-node.js';

/** Limits of the node types that have any; the rest need no settings. */
export interface NodeDefinitionsOptions {
  readonly code?: CodeNodeOptions;
  readonly templateTransform?: TemplateTransformOptions;
  readonly httpRequest?: HttpRequestNodeOptions;
}

export type NodeDefinitions = Readonly<Record<NodeType, NodeDefinition>>;

function definitionOf(type: NodeType, options: NodeDefinitionsOptions): NodeDefinition {
  switch (type) {
    case 'start':
      return startNode;
    case 'trigger-plugin':
      return triggerPluginNode;
    case 'trigger-webhook':
      return triggerWebhookNode;
    case 'trigger-schedule':
      return triggerScheduleNode;
    case 'variable-aggregator':
      return variableAggregatorNode;
    case 'if-else':
      return ifElseNode;
    case 'template-transform':
      return createTemplateTransformNode(options.templateTransform);
    case 'code':
      return createCodeNode(options.code);
    case 'http-request':
      return createHttpRequestNode(options.httpRequest);
    case 'end':
      return endNode;
    default: {
      const exhaustive: never = type;
      throw new Error(`no definition for node type ${String(exhaustive)}`);
    }
  }
}

/** Every node type's definition, with the given limits. */
export function createNodeDefinitions(options: NodeDefinitionsOptions = {}): NodeDefinitions {
  return Object.fromEntries(NODE_TYPES.map((type) => [type, definitionOf(type, options)])) as Record<
    NodeType,
    NodeDefinition
  >;
}

/** The definitions with default limits. */
export const nodeDefinitions: NodeDefinitions = createNodeDefinitions();

export function getNodeDefinition(type: NodeType): NodeDefinition {
  return nodeDefinitions[type];
}
