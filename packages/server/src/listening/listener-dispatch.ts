import { filterEvent, type Integration, type ParameterValues } from '@tripline/sdk';
import type { DispatchListeners } from '../dispatch/dispatcher.js';
import type { DeliveryPlan } from '../dispatch/plan-delivery.js';
import { pluginTrigger } from '../dispatch/plugin-trigger.js';
import type { RequestLogRecord } from '../store/records.js';
import type { EventDispatch, NewRunRecord } from '../store/workflow-records.js';
import type { Listener, ListenerRegistry } from './listener-registry.js';
import type { ListenerService } from './listener-service.js';

/**
 * The dispatcher's question to listeners, after the published triggers planned their runs: each
 * listener waiting on this delivery's subscription and event, whose DRAFT filter accepts the
 * event, captures it once and adds a draft run (recorded as `ran` with `draft: true`).
 * Deliveries no listener waits on are left as they were, without reading them again.
 */
export function listenersForDispatch(service: ListenerService): DispatchListeners {
  const { registry } = service;
  return {
    plan: (input) => planListeners(service, input),
    // Listeners shared between processes are reserved for the batch; in one process (no
    // `reserve`) there is nothing to hold.
    hold: async (logs) => {
      const ids = new Set(logs.flatMap((log) => waitingOn(registry, log).map((listener) => listener.id)));
      return ids.size > 0 && registry.reserve ? registry.reserve([...ids]) : nothingHeld;
    },
  };
}

const nothingHeld = async (): Promise<void> => {};

/** Listeners waiting on the subscription a delivery came to. */
function waitingOn(registry: ListenerRegistry, log: RequestLogRecord): Listener[] {
  return registry
    .waiting()
    .filter(
      (listener) =>
        listener.workspaceId === log.workspaceId &&
        listener.targets.some(
          (target) => target.kind === 'plugin' && target.subscriptionId === log.endpointId,
        ),
    );
}

function planListeners(
  service: ListenerService,
  { log, integration, plan }: Parameters<DispatchListeners['plan']>[0],
): DeliveryPlan {
  const waiting = waitingOn(service.registry, log);
  if (waiting.length === 0 || !integration || log.body === null) return plan;
  let parsed: ReturnType<Integration['parse']>;
  try {
    parsed = integration.parse({ method: log.method, url: log.path, headers: log.headers, body: log.body });
  } catch {
    return plan;
  }
  if (!parsed.ok) return plan;
  const runs: NewRunRecord[] = [...plan.runs];
  const results: EventDispatch[] = [...plan.log.results];
  parsed.events.forEach((event, index) => {
    const definition = integration.events.get(event.name);
    if (!definition) return;
    for (const listener of waiting) {
      const run = captureOne(
        service,
        listener,
        log,
        index,
        (parameters) => {
          const result = filterEvent(definition, { event, parameters: parameters as ParameterValues });
          return result.matched ? result.variables : undefined;
        },
        { name: event.name, action: event.action },
      );
      if (!run) continue;
      runs.push(run);
      const current = results[index];
      if (current) {
        results[index] = {
          ...current,
          outcome: 'triggered',
          triggers: [
            ...current.triggers,
            {
              outcome: 'ran',
              workflowId: run.workflowId,
              nodeId: run.trigger.nodeId,
              runId: run.id,
              draft: true,
            },
          ],
        };
      }
    }
  });
  return { runs, log: { ...plan.log, results } };
}

function captureOne(
  service: ListenerService,
  listener: Listener,
  log: RequestLogRecord,
  index: number,
  filter: (parameters: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>> | undefined,
  event: { readonly name: string; readonly action: string | undefined },
): NewRunRecord | undefined {
  for (const target of listener.targets) {
    if (target.kind !== 'plugin' || target.subscriptionId !== log.endpointId || target.event !== event.name) {
      continue;
    }
    let variables: Readonly<Record<string, unknown>> | undefined;
    try {
      variables = filter(target.eventParameters);
    } catch {
      continue;
    }
    if (!variables) continue;
    return service.capture(listener, {
      nodeId: target.nodeId,
      trigger: pluginTrigger({ nodeId: target.nodeId, log, event, eventIndex: index }),
      inputs: variables,
      event: {
        name: event.name,
        ...(event.action === undefined ? {} : { action: event.action }),
        deliveryLogId: log.id,
        variables,
      },
    });
  }
  return undefined;
}
