import { Type } from '@sinclair/typebox';

export const ListenerSchema = Type.Object(
  {
    listenerId: Type.String({ description: 'Follow it at GET /api/v1/listeners/{listenerId}/events.' }),
    expiresAt: Type.String({
      format: 'date-time',
      description: 'When listening stops without a capture; renewed while a client follows the events.',
    }),
  },
  { description: 'A draft trigger listening for its next event.' },
);

export const ListenNodeParams = Type.Object({
  id: Type.String({ description: 'Workflow id.' }),
  nodeId: Type.String({
    description: 'A trigger node of the draft (trigger-plugin, trigger-webhook or trigger-schedule).',
  }),
});

export const ListenerParams = Type.Object({ listenerId: Type.String({ description: 'Listener id.' }) });

export const ListenerEventsSchema = Type.String({
  description:
    'Server-Sent Events: `listening` {listenerId, expiresAt}; `captured` {nodeId, runId, event}; `node` {runId, node} per node started or ended (status started/succeeded/failed/skipped, with inputs and outputs); `result` {runId, status, outputs, error}, after which the stream ends; or `expired` when no event came in time; or `cancelled` {} when DELETE /api/v1/listeners/{listenerId} stopped it. Comments every 15 s keep the stream (and the listener) alive.',
});
