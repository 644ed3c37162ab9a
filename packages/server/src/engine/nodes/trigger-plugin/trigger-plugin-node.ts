import type { NodeDefinition } from '../node-definition.js';
import { DataReader, isRecord } from '../parse/data-reader.js';

/**
 * A filter parameter of the trigger. Dify also knows `mixed` and `variable` inputs, but a trigger
 * runs before any variable exists, so only constants make sense.
 */
export interface EventParameterInput {
  readonly type: 'constant';
  readonly value: unknown;
}

/** Dify's integration trigger (`TriggerEventNodeData`) with Tripline's ids in Dify's fields. */
export interface TriggerPluginNodeData {
  /** The integration, e.g. `github`. */
  readonly provider_id: string;
  /** The event as the integration names it, e.g. `pull_request`. */
  readonly event_name: string;
  /** Empty until a subscription is chosen: exported documents leave it blank, as ids are per workspace. */
  readonly subscription_id: string;
  readonly plugin_id?: string;
  readonly plugin_unique_identifier?: string;
  readonly event_parameters: Readonly<Record<string, EventParameterInput>>;
}

/** The constant filter parameters of a trigger, by name, as the integration's filter reads them. */
export function eventParameterValues(data: TriggerPluginNodeData): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data.event_parameters).map(([name, input]) => [name, input.value]),
  );
}

/**
 * Starts a run from an integration event. The event variables arrive as the trigger input (the
 * integration already filtered the event with this node's parameters) and are passed on as they
 * are; the integration's output schema names them, so they are not known here.
 */
export const triggerPluginNode: NodeDefinition<TriggerPluginNodeData> = {
  type: 'trigger-plugin',
  parse(data, path) {
    const reader = DataReader.of(data, path);
    const providerId = reader.string('provider_id', { nonEmpty: true });
    const eventName = reader.string('event_name', { nonEmpty: true });
    const subscriptionId = reader.string('subscription_id', { optional: true }) ?? '';
    const pluginId = reader.string('plugin_id', { optional: true });
    const uniqueIdentifier = reader.string('plugin_unique_identifier', { optional: true });
    const parameters = reader.object('event_parameters', { optional: true });
    const eventParameters: Array<[string, EventParameterInput]> = [];
    for (const name of Object.keys(parameters?.value ?? {})) {
      const input = parameters?.object(name);
      if (input === undefined) continue;
      const type = input.value.type ?? 'constant';
      if (type !== 'constant') {
        input.fail(
          'type',
          `must be "constant": a trigger runs before any variable exists (got ${JSON.stringify(type)})`,
        );
        continue;
      }
      eventParameters.push([name, { type, value: input.value.value ?? null }]);
    }
    if (providerId === undefined || eventName === undefined) return reader.failed();
    return reader.result({
      provider_id: providerId,
      event_name: eventName,
      subscription_id: subscriptionId,
      ...(pluginId === undefined ? {} : { plugin_id: pluginId }),
      ...(uniqueIdentifier === undefined ? {} : { plugin_unique_identifier: uniqueIdentifier }),
      event_parameters: Object.fromEntries(eventParameters),
    });
  },
  references: () => [],
  outputNames: () => undefined,
  async execute({ node, triggerInput }) {
    const inputs = {
      provider_id: node.data.provider_id,
      event_name: node.data.event_name,
      subscription_id: node.data.subscription_id,
      event_parameters: eventParameterValues(node.data),
    };
    if (!isRecord(triggerInput)) {
      return {
        status: 'failed',
        inputs,
        error: `no "${node.data.event_name}" event was given to this trigger`,
      };
    }
    // A copy, so later nodes cannot change what the event said.
    return { status: 'succeeded', inputs, outputs: structuredClone(triggerInput) };
  },
};
