import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/**
 * Registers OpenAPI generation; must run before any route is added so every route is seen. The
 * document comes from the routes' TypeBox schemas, so it cannot drift from what is validated.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  options: { readonly version: string },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tripline',
        version: options.version,
        description:
          'Management API of Tripline, a self-hosted integration-trigger engine. Every /api/v1 route takes ' +
          '`Authorization: Bearer <API token>`; errors answer `{"error": {"code", "message"}}`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token of a workspace member.' },
        },
      },
      security: [{ bearer: [] }],
      tags: [
        { name: 'workspaces', description: 'Tenants, members and API tokens.' },
        { name: 'integrations', description: "What can be subscribed to, and each event's outputs." },
        { name: 'health', description: 'Probes and metrics; no token needed.' },
      ],
    },
  });
}

/** Serves the document and a browsable UI; call after registerOpenApi. */
export async function registerOpenApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
}
