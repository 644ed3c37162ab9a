import type { RequestLogRecord } from '../store/records.js';
import type { EventDispatch, TriggerLinkRecord } from '../store/workflow-records.js';
import type { DeliveryPlan } from './plan-delivery.js';

/**
 * The plan of a delivery no enabled trigger listens to, made from what the ingress recorded
 * (its events' names and actions) without reading the body again: each event is `no_listener`,
 * or `triggered` with only `disabled` triggers. That is what {@link planDelivery} answers for
 * such a delivery, since a disabled trigger is decided before its filter runs. Answers undefined
 * when some enabled trigger listens to one of the events: that delivery needs the full plan.
 */
export function planUnheardDelivery(input: {
  readonly log: RequestLogRecord;
  /** The trigger links of the log's subscription (its workspace's only). */
  readonly links: readonly TriggerLinkRecord[];
}): DeliveryPlan | undefined {
  const { log } = input;
  const links = input.links.filter(
    (link) => link.workspaceId === log.workspaceId && link.subscriptionId === log.endpointId,
  );
  const results: EventDispatch[] = [];
  for (const [index, event] of log.events.entries()) {
    const header = {
      index,
      name: event.name,
      ...(event.action === undefined ? {} : { action: event.action }),
    };
    const listening = links.filter((link) => link.event === event.name);
    if (listening.some((link) => link.enabled)) return undefined;
    results.push(
      listening.length === 0
        ? { ...header, outcome: 'no_listener', triggers: [] }
        : {
            ...header,
            outcome: 'triggered',
            triggers: listening.map((link) => ({
              outcome: 'disabled',
              workflowId: link.workflowId,
              nodeId: link.nodeId,
            })),
          },
    );
  }
  return { runs: [], log: { logId: log.id, results } };
}
