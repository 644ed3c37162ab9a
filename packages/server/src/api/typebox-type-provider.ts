import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyTypeProvider } from 'fastify';

/**
 * Lets route handlers see the TypeScript types of their TypeBox schemas: `request.body`,
 * `params` and `querystring` as validated, replies checked against the response schemas.
 * Route plugins opt in with `app.withTypeProvider<TypeBoxTypeProvider>()`.
 */
export interface TypeBoxTypeProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  readonly serializer: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
}
