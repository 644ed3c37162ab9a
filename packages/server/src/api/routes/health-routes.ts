import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../observability/metrics.js';
import type { Store } from '../../store/store.js';
import { ErrorBody } from '../schemas/error-schema.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface HealthRoutesOptions {
  readonly store: Pick<Store, 'ping'>;
  readonly metrics: Pick<Metrics, 'registry'>;
  /** How long /readyz waits for the database before answering 503. */
  readonly readyTimeoutMs: number;
}

const Ok = Type.Object({ status: Type.Literal('ok') });

/** Liveness, readiness and Prometheus metrics: public, for probes and scrapers. */
export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        operationId: 'health',
        summary: 'The process is up',
        security: [],
        response: { 200: Ok },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  api.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'ready',
        summary: 'The process can serve: its database answers',
        security: [],
        response: { 200: Ok, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      try {
        await withDeadline(options.store.ping(), options.readyTimeoutMs);
        return { status: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed: the database did not answer');
        return reply.code(503).send({
          error: { code: 'not_ready', message: 'the database did not answer; see the server log' },
        });
      }
    },
  );

  api.get(
    '/metrics',
    {
      schema: {
        tags: ['health'],
        operationId: 'metrics',
        summary: 'Prometheus metrics in the text exposition format',
        security: [],
        response: {
          200: {
            description: 'Prometheus text exposition format.',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
    },
    async (_request, reply) => {
      const text = await options.metrics.registry.metrics();
      return reply.type(options.metrics.registry.contentType).send(text);
    },
  );
}

async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
