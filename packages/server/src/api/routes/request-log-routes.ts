import type { FastifyInstance } from 'fastify';
import type { RequestLogService } from '../../request-logs/request-log-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  DEFAULT_LOG_PAGE_SIZE,
  LogListQuery,
  LogParams,
  ReplayAnswerSchema,
  RequestLogPageSchema,
  RequestLogSchema,
} from '../schemas/request-log-schemas.js';
import { SubscriptionParams } from '../schemas/subscription-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface RequestLogRoutesOptions {
  readonly requestLogs: RequestLogService;
}

const tags = ['request logs'];

/** What reached a subscription's endpoint and what became of it; replaying a delivery. */
export async function requestLogRoutes(
  app: FastifyInstance,
  options: RequestLogRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { requestLogs } = options;

  api.get(
    '/subscriptions/:id/logs',
    {
      schema: {
        tags,
        operationId: 'listRequestLogs',
        summary: "Requests the subscription's endpoint received, newest first, paginated",
        params: SubscriptionParams,
        querystring: LogListQuery,
        response: { 200: RequestLogPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { outcome, before, limit } = request.query;
      return requestLogs.list(requirePermission(request, 'read'), request.params.id, {
        limit: limit ?? DEFAULT_LOG_PAGE_SIZE,
        ...(outcome ? { outcome } : {}),
        ...(before ? { before } : {}),
      });
    },
  );

  api.get(
    '/subscriptions/:id/logs/:logId',
    {
      schema: {
        tags,
        operationId: 'getRequestLog',
        summary: 'One request log with its whole body',
        params: LogParams,
        response: { 200: RequestLogSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      requestLogs.get(requirePermission(request, 'read'), request.params.id, request.params.logId),
  );

  api.post(
    '/subscriptions/:id/logs/:logId/replay',
    {
      schema: {
        tags,
        operationId: 'replayRequestLog',
        summary: 'Dispatch a stored, verified delivery again as a new request log',
        params: LogParams,
        response: { 202: ReplayAnswerSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const answer = await requestLogs.replay(
        requirePermission(request, 'write'),
        request.params.id,
        request.params.logId,
      );
      return reply.code(202).send(answer);
    },
  );
}
