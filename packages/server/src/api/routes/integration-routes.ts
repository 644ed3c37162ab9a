import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { IntegrationCatalog } from '../../integrations/integration-catalog.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import { IntegrationDetailSchema, IntegrationSummarySchema } from '../schemas/integration-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';
import { integrationDetailView, integrationSummaryView } from '../views/integration-view.js';

export interface IntegrationRoutesOptions {
  readonly catalog: IntegrationCatalog;
}

/** The integration catalog: what can be subscribed to, and each event's filters and outputs. */
export async function integrationRoutes(
  app: FastifyInstance,
  options: IntegrationRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // The catalog is fixed for the life of the process: map it once. A detail carries every event's
  // output schema (GitHub's come to megabytes), so its JSON is written once too.
  const summaries = options.catalog.list().map(integrationSummaryView);
  const detailsJson = new Map(
    options.catalog
      .list()
      .map((integration) => [integration.id, JSON.stringify(integrationDetailView(integration))]),
  );

  api.get(
    '/integrations',
    {
      schema: {
        tags: ['integrations'],
        operationId: 'listIntegrations',
        summary: 'List the integrations this server offers',
        response: {
          200: Type.Object({ items: Type.Array(IntegrationSummarySchema) }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      requirePermission(request, 'read');
      return { items: summaries };
    },
  );

  api.get(
    '/integrations/:integration',
    {
      schema: {
        tags: ['integrations'],
        operationId: 'getIntegration',
        summary: 'Describe one integration: subscription methods, parameters and events with output schemas',
        params: Type.Object({ integration: Type.String({ description: 'Integration id, e.g. github.' }) }),
        response: { 200: IntegrationDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'read');
      const id = options.catalog.get(request.params.integration).id;
      const json = detailsJson.get(id);
      if (json === undefined) throw new TypeError(`integration "${id}" has no view`);
      // A string body with a JSON type is sent as it is, skipping the response serializer; the
      // untyped reply says so to the type checker.
      const untyped: FastifyReply = reply;
      return untyped.type('application/json; charset=utf-8').send(json);
    },
  );
}
