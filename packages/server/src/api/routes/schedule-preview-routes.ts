import { Type } from '@sinclair/typebox';
import type { Clock } from '@tripline/sdk';
import type { FastifyInstance } from 'fastify';
import { previewScheduleBody } from '../../schedules/schedule-preview.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface SchedulePreviewRoutesOptions {
  readonly clock: Clock;
}

const SchedulePreviewBody = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('visual'), Type.Literal('cron')])),
    cron_expression: Type.Optional(Type.String()),
    frequency: Type.Optional(Type.String({ description: 'hourly, daily, weekly or monthly' })),
    visual_config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    timezone: Type.Optional(Type.String({ description: 'IANA time zone; UTC when omitted' })),
  },
  { description: "A schedule trigger node's data, as in the DSL" },
);

const SchedulePreviewSchema = Type.Object({
  cronExpression: Type.String(),
  timezone: Type.String(),
  nextRuns: Type.Array(Type.String({ format: 'date-time' })),
});

/** The next five times a schedule would fire, for a schedule being edited. */
export async function schedulePreviewRoutes(
  app: FastifyInstance,
  options: SchedulePreviewRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/schedule-preview',
    {
      schema: {
        tags: ['workflows'],
        operationId: 'previewSchedule',
        summary: 'The next five times a schedule (cron or visual form, in its time zone) fires',
        body: SchedulePreviewBody,
        response: { 200: SchedulePreviewSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      requirePermission(request, 'read');
      return previewScheduleBody(request.body, new Date(options.clock.now()));
    },
  );
}
