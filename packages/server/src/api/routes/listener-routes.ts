import type { FastifyInstance } from 'fastify';
import { FINAL_LISTENER_MESSAGES, type ListenerMessage } from '../../listening/listener-registry.js';
import type { ListenerService } from '../../listening/listener-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  ListenerEventsSchema,
  ListenerParams,
  ListenerSchema,
  ListenNodeParams,
} from '../schemas/listener-schemas.js';
import { WorkflowParams } from '../schemas/workflow-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface ListenerRoutesOptions {
  readonly listeners: ListenerService;
  /** Between keep-alive comments on an event stream. Default 15 s. */
  readonly heartbeatMs?: number;
}

const tags = ['workflows'];

/** "Run this step": listen on draft triggers, follow the capture and its run as events, or stop. */
export async function listenerRoutes(app: FastifyInstance, options: ListenerRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { listeners } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  // Open streams end when the server closes, or closing would wait for every browser tab.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
  });

  api.post(
    '/workflows/:id/draft/nodes/:nodeId/listen',
    {
      schema: {
        tags,
        operationId: 'listenOnDraftNode',
        summary:
          'Wait for the next event of a draft trigger and run the draft from it (a schedule trigger runs at once)',
        params: ListenNodeParams,
        response: { 201: ListenerSchema, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id, nodeId } = request.params;
      return reply.code(201).send(await listeners.listen(requirePermission(request, 'write'), id, nodeId));
    },
  );

  api.post(
    '/workflows/:id/draft/listen',
    {
      schema: {
        tags,
        operationId: 'listenOnDraft',
        summary:
          "Wait for the next event of any of the draft's integration and webhook triggers; the first wins",
        params: WorkflowParams,
        response: { 201: ListenerSchema, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await listeners.listen(requirePermission(request, 'write'), request.params.id)),
  );

  api.get(
    '/listeners/:listenerId/events',
    {
      schema: {
        tags,
        operationId: 'followListener',
        summary: "A listener's capture and its run's progress, as Server-Sent Events",
        params: ListenerParams,
        response: {
          200: {
            description: 'The event stream; it ends after `result`, `expired` or `cancelled`.',
            content: { 'text/event-stream': { schema: ListenerEventsSchema } },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const listener = listeners.get(requirePermission(request, 'read'), request.params.listenerId);
      const expiresAt = listeners.registry.renew(listener.id) ?? listener.expiresAt;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const write = (event: string, data: unknown): void => {
        if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      write('listening', { listenerId: listener.id, expiresAt: expiresAt.toISOString() });
      let unsubscribe: (() => void) | undefined;
      const heartbeat = setInterval(() => {
        listeners.registry.renew(listener.id);
        if (!res.writableEnded) res.write(': heartbeat\n\n');
      }, heartbeatMs);
      const end = (): void => {
        open.delete(end);
        clearInterval(heartbeat);
        unsubscribe?.();
        if (!res.writableEnded) res.end();
      };
      const onMessage = (message: ListenerMessage): void => {
        const { type, ...data } = message;
        write(type, data);
        if (FINAL_LISTENER_MESSAGES.has(type)) queueMicrotask(end);
      };
      open.add(end);
      unsubscribe = listeners.registry.subscribe(listener.id, onMessage);
      request.raw.on('close', end);
    },
  );

  api.delete(
    '/listeners/:listenerId',
    {
      schema: {
        tags,
        operationId: 'cancelListener',
        summary:
          '"Stop listening": the listener stops waiting at once and its event stream ends with `cancelled`',
        description:
          'An event that comes afterwards starts no draft run. A run the listener already started goes on; its stream just stops following it.',
        params: ListenerParams,
        response: { 204: { type: 'null', description: 'Cancelled.' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      listeners.cancel(requirePermission(request, 'write'), request.params.listenerId);
      return reply.code(204).send();
    },
  );
}
