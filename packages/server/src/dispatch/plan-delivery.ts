import { filterEvent, type Integration, type ParameterValues, type ParsedEvent } from '@tripline/sdk';
import { firstRun } from '../runs/first-run.js';
import type { RequestLogRecord } from '../store/records.js';
import type {
  DispatchedLog,
  EventDispatch,
  NewRunRecord,
  TriggerDispatch,
  TriggerLinkRecord,
} from '../store/workflow-records.js';
import { pluginTrigger } from './plugin-trigger.js';

export interface DeliveryPlan {
  readonly runs: readonly NewRunRecord[];
  readonly log: DispatchedLog;
}

/**
 * What one stored delivery starts: the request is read again by its integration (the log keeps
 * the raw bytes and the headers parsing needs), and each event goes to the published integration
 * triggers listening on that subscription and event. Each trigger's filter decides; every
 * decision is recorded with its reason. Pure: the caller stores the plan.
 */
export function planDelivery(input: {
  readonly log: RequestLogRecord;
  readonly integration: Integration | undefined;
  /** The trigger links of the log's subscription (its workspace's only). */
  readonly links: readonly TriggerLinkRecord[];
  readonly now: Date;
  readonly newRunId: () => string;
}): DeliveryPlan {
  const { log, integration } = input;
  const unreadable = (reason: string): DeliveryPlan => ({
    runs: [],
    log: {
      logId: log.id,
      results: log.events.map((event, index) => ({
        index,
        name: event.name,
        ...(event.action === undefined ? {} : { action: event.action }),
        outcome: 'unreadable',
        reason,
        triggers: [],
      })),
    },
  });
  if (!integration) return unreadable(`integration "${log.integration}" is not installed`);
  if (log.body === null) return unreadable('the request body was not kept');
  let parsed: ReturnType<Integration['parse']>;
  try {
    parsed = integration.parse({ method: log.method, url: log.path, headers: log.headers, body: log.body });
  } catch (error) {
    return unreadable(`reading the request failed: ${(error as Error).message}`);
  }
  if (!parsed.ok) return unreadable(`the request cannot be read again: ${parsed.reason}`);

  const runs: NewRunRecord[] = [];
  const results = parsed.events.map((event, index): EventDispatch => {
    const links = input.links.filter(
      (link) =>
        link.event === event.name &&
        link.workspaceId === log.workspaceId &&
        link.subscriptionId === log.endpointId,
    );
    const header = {
      index,
      name: event.name,
      ...(event.action === undefined ? {} : { action: event.action }),
    };
    if (links.length === 0) return { ...header, outcome: 'no_listener', triggers: [] };
    const triggers = links.map((link): TriggerDispatch => {
      const decided = decide(integration, event, link);
      if (decided.outcome !== 'matched') return decided;
      const run = firstRun({
        id: input.newRunId(),
        workspaceId: log.workspaceId,
        workflowId: link.workflowId,
        versionId: link.versionId,
        trigger: pluginTrigger({ nodeId: link.nodeId, log, event, eventIndex: index }),
        invokeFrom: 'trigger',
        inputs: decided.variables,
        deliveryLogId: log.id,
        eventIndex: index,
        createdAt: input.now,
      });
      runs.push(run);
      return { outcome: 'ran', workflowId: link.workflowId, nodeId: link.nodeId, runId: run.id };
    });
    return { ...header, outcome: 'triggered', triggers };
  });
  return { runs, log: { logId: log.id, results } };
}

type Decision =
  | { readonly outcome: 'matched'; readonly variables: Readonly<Record<string, unknown>> }
  | Exclude<TriggerDispatch, { outcome: 'ran' }>;

function decide(integration: Integration, event: ParsedEvent, link: TriggerLinkRecord): Decision {
  const which = { workflowId: link.workflowId, nodeId: link.nodeId };
  if (!link.enabled) return { outcome: 'disabled', ...which };
  const definition = integration.events.get(event.name);
  if (!definition) {
    return {
      outcome: 'error',
      ...which,
      reason: `integration "${integration.id}" no longer declares event "${event.name}"`,
    };
  }
  try {
    const result = filterEvent(definition, { event, parameters: link.eventParameters as ParameterValues });
    if (!result.matched) return { outcome: 'filtered_out', ...which, reason: result.reason };
    return { outcome: 'matched', variables: result.variables };
  } catch (error) {
    return { outcome: 'error', ...which, reason: `the filter failed: ${(error as Error).message}` };
  }
}
