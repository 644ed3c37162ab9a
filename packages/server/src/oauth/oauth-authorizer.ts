import { HttpError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { BuilderRecord, Principal } from '../store/records.js';
import { BUILDER_TTL_MS } from '../subscriptions/subscription-services-options.js';
import { type OAuthFlowOptions, oauthHookContext } from './oauth-flow-options.js';
import { type OAuthIntegration, requireOAuthIntegration } from './oauth-integration.js';
import { newOAuthState, newPkcePair, OAUTH_STATE_TTL_MS, oauthStateId } from './oauth-secrets.js';
import { systemClientVariable } from './system-oauth-clients.js';

/**
 * Starts the OAuth authorization of a subscription builder: picks the client (the workspace's when
 * enabled, else the system one), stores a one-time state as its SHA-256 only, bound to the
 * builder, member, workspace and client source, with a sealed PKCE verifier where the provider
 * takes PKCE, and answers the provider's consent URL.
 */
export class OAuthAuthorizer {
  readonly #options: OAuthFlowOptions;

  constructor(options: OAuthFlowOptions) {
    this.#options = options;
  }

  async authorize(
    principal: Principal,
    builderId: string,
  ): Promise<{ readonly authorizationUrl: string; readonly expiresAt: string }> {
    const { store, clock, clients, secretBox } = this.#options;
    const builder = await this.#oauthBuilder(principal, builderId);
    const oauth = requireOAuthIntegration(this.#options.catalog, builder.integration);
    const resolved = await clients.effective(principal.workspaceId, oauth);
    if (!resolved) throw this.#noClient(oauth);
    const state = newOAuthState();
    const pkce = oauth.spec.pkce ? newPkcePair() : undefined;
    const redirectUri = clients.redirectUri;
    const authorizationUrl = oauth.hooks.authorizationUrl({
      client: resolved.client,
      redirectUri,
      state,
      ...(pkce ? { codeChallenge: pkce.challenge } : {}),
      context: oauthHookContext(this.#options, oauth),
    });
    const now = clock.now();
    const expiresAt = new Date(now + OAUTH_STATE_TTL_MS);
    // Authorizing is activity on the builder: it must outlive the state, or a consent given in
    // time would still find the builder gone at the callback.
    await store.builders.update(principal.workspaceId, builder.id, {
      expiresAt: new Date(Math.max(builder.expiresAt.getTime(), now + BUILDER_TTL_MS)),
    });
    await store.oauthStates.insert({
      id: oauthStateId(state),
      workspaceId: principal.workspaceId,
      builderId: builder.id,
      memberId: principal.memberId,
      integration: oauth.integration.id,
      clientSource: resolved.source,
      codeVerifier: pkce ? secretBox.seal(pkce.verifier) : null,
      redirectUri,
      createdAt: new Date(now),
      expiresAt,
    });
    this.#options.logger.info(
      {
        builderId: builder.id,
        workspaceId: principal.workspaceId,
        integration: oauth.integration.id,
        clientSource: resolved.source,
      },
      'oauth authorization started',
    );
    return { authorizationUrl, expiresAt: expiresAt.toISOString() };
  }

  /** A builder of this workspace, unexpired, made for the OAuth method. */
  async #oauthBuilder(principal: Principal, builderId: string): Promise<BuilderRecord> {
    const builder = await this.#options.store.builders.get(principal.workspaceId, builderId);
    if (!builder) throw new NotFoundError('subscription builder', builderId);
    if (builder.expiresAt.getTime() <= this.#options.clock.now()) {
      throw new HttpError(
        410,
        'builder_expired',
        `subscription builder "${builderId}" expired at ${builder.expiresAt.toISOString()}: builders expire 30 minutes after their last change; create a new one`,
      );
    }
    if (builder.method !== 'oauth') {
      throw new ValidationError(
        `subscription builder "${builderId}" uses the ${builder.method} method; OAuth authorization is for builders created with method "oauth"`,
      );
    }
    return builder;
  }

  #noClient(oauth: OAuthIntegration): HttpError {
    const id = oauth.integration.id;
    const fields = oauth.spec.clientParameters.map((parameter) => parameter.name);
    return new HttpError(
      400,
      'oauth_client_missing',
      `no OAuth client for integration "${id}": PUT /api/v1/integrations/${id}/oauth-client with ${fields.join(', ')} ` +
        `of an OAuth app registered with ${oauth.integration.name} (register the redirect URI ${this.#options.clients.redirectUri} there), ` +
        `or have the operator set ${fields.map((field) => systemClientVariable(id, field)).join(', ')}`,
    );
  }
}
