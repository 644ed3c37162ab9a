import type { NodeDefinition } from '../node-definition.js';
import { isRecord } from '../parse/data-reader.js';
import {
  headerVariableName,
  parseWebhookData,
  RAW_REQUEST_VARIABLE,
  type TriggerWebhookNodeData,
} from './webhook-data.js';

function variableNames(data: TriggerWebhookNodeData): string[] {
  return [
    ...data.headers.map((field) => headerVariableName(field.name)),
    ...data.params.map((field) => field.name),
    ...data.body.map((field) => field.name),
    RAW_REQUEST_VARIABLE,
  ];
}

/**
 * Starts a run from a request to the workflow's webhook URL. The HTTP layer checks the request
 * with `validateWebhookRequest` before it creates the run; its variables are the trigger input.
 */
export const triggerWebhookNode: NodeDefinition<TriggerWebhookNodeData> = {
  type: 'trigger-webhook',
  parse: parseWebhookData,
  references: () => [],
  outputNames: variableNames,
  async execute({ node, triggerInput }) {
    if (!isRecord(triggerInput)) {
      return { status: 'failed', inputs: {}, error: 'no webhook request was given to this trigger' };
    }
    const outputs = variableNames(node.data).map((name) => [
      name,
      Object.hasOwn(triggerInput, name) ? triggerInput[name] : null,
    ]);
    return { status: 'succeeded', inputs: triggerInput, outputs: Object.fromEntries(outputs) };
  },
};
