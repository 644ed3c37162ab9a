import type { RequestLogRecord } from '../store/records.js';
import type { RunTrigger } from '../store/workflow-records.js';

/**
 * How a run started by an integration event records its trigger: the node, and the delivery and
 * event it came from (which makes runs of one delivery idempotent). Published and draft runs alike.
 */
export function pluginTrigger(input: {
  readonly nodeId: string;
  readonly log: RequestLogRecord;
  readonly event: { readonly name: string; readonly action?: string | undefined };
  readonly eventIndex: number;
}): RunTrigger {
  const { nodeId, log, event, eventIndex } = input;
  return {
    nodeId,
    type: 'trigger-plugin',
    subscriptionId: log.endpointId,
    event: event.name,
    ...(event.action === undefined ? {} : { action: event.action }),
    deliveryLogId: log.id,
    eventIndex,
  };
}
