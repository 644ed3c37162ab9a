import { integrationFailure } from '../external/integration-errors.js';
import type { BuilderRecord, OAuthStateRecord } from '../store/records.js';
import { type OAuthFlowOptions, oauthHookContext } from './oauth-flow-options.js';
import { asOAuthIntegration, type OAuthIntegration } from './oauth-integration.js';
import type { OAuthResult } from './oauth-result-location.js';
import {
  newOAuthConfirmation,
  OAUTH_CONFIRMATION_TTL_MS,
  oauthConfirmationId,
  oauthStateId,
} from './oauth-secrets.js';

/** What the provider sent back to the callback, as given (any part may be missing). */
export interface OAuthCallbackQuery {
  readonly code?: string | undefined;
  readonly state?: string | undefined;
  readonly error?: string | undefined;
  readonly error_description?: string | undefined;
}

/** A callback that ends without a credential, with the reason the user sees. */
class OAuthRefusal extends Error {
  override readonly name = 'OAuthRefusal';
  constructor(
    message: string,
    readonly builderId?: string,
  ) {
    super(message);
  }
}

/**
 * The end of the OAuth authorization-code flow, where the provider sends the browser back: consumes
 * the state once (unknown, used or expired ones are refused before anything is stored) and
 * exchanges the code. The tokens do not become a credential here: whoever's browser this is may
 * not be the member who started the flow (an authorization URL can be sent to someone else, and a
 * provider that was approved before redirects without asking). They wait, sealed, as a one-time
 * confirmation that only that member can redeem from their own session (OAuthConfirmer). Logs ids
 * and outcomes only, never codes, tokens, states or confirmations.
 */
export class OAuthCallbackHandler {
  readonly #options: OAuthFlowOptions;

  constructor(options: OAuthFlowOptions) {
    this.#options = options;
  }

  /** Ends an authorization; never throws: every refusal or failure is a `failed` result. */
  async handle(query: OAuthCallbackQuery): Promise<OAuthResult> {
    try {
      const { builderId, confirmation, workspaceId } = await this.#complete(query);
      this.#options.logger.info({ builderId, workspaceId, outcome: 'authorized' }, 'oauth callback');
      return { outcome: 'authorized', builderId, confirmation };
    } catch (error) {
      if (error instanceof OAuthRefusal) {
        this.#options.logger.warn(
          { builderId: error.builderId, outcome: 'failed', reason: error.message },
          'oauth callback',
        );
        return {
          outcome: 'failed',
          message: error.message,
          ...(error.builderId ? { builderId: error.builderId } : {}),
        };
      }
      this.#options.logger.error({ err: error, outcome: 'failed' }, 'oauth callback failed');
      return { outcome: 'failed', message: 'an unexpected error occurred; the server log has the details' };
    }
  }

  async #complete(
    query: OAuthCallbackQuery,
  ): Promise<{ readonly builderId: string; readonly confirmation: string; readonly workspaceId: string }> {
    const { store, clock, secretBox, clients } = this.#options;
    const pending = await this.#consumeState(query.state);
    const builderId = pending.builderId;
    const oauth = this.#integrationOf(pending);
    if (query.error) {
      const said = clip(query.error_description || query.error);
      throw new OAuthRefusal(
        `${oauth.integration.name} did not authorize the connection: ${said}`,
        builderId,
      );
    }
    if (!query.code) {
      throw new OAuthRefusal(
        `${oauth.integration.name} sent no authorization code; connect again`,
        builderId,
      );
    }
    await this.#liveBuilder(pending);
    const client = await clients.ofSource(pending.workspaceId, oauth, pending.clientSource);
    if (!client) {
      throw new OAuthRefusal(
        `the ${pending.clientSource} OAuth client of ${oauth.integration.name} was removed during the authorization; set it up again and connect again`,
        builderId,
      );
    }
    let tokens: Awaited<ReturnType<OAuthIntegration['hooks']['exchangeCode']>>;
    try {
      tokens = await oauth.hooks.exchangeCode({
        client,
        redirectUri: pending.redirectUri,
        code: query.code,
        ...(pending.codeVerifier ? { codeVerifier: secretBox.open(pending.codeVerifier) } : {}),
        context: oauthHookContext(this.#options, oauth),
      });
    } catch (error) {
      const failure = integrationFailure(oauth.integration, 'exchanging the authorization code', error);
      throw new OAuthRefusal(failure.message, builderId);
    }
    const now = clock.now();
    const confirmation = newOAuthConfirmation();
    await store.oauthConfirmations.insert({
      id: oauthConfirmationId(confirmation),
      workspaceId: pending.workspaceId,
      builderId,
      memberId: pending.memberId,
      integration: oauth.integration.id,
      clientSource: pending.clientSource,
      tokens: secretBox.seal(JSON.stringify(tokens.credentials)),
      tokensExpireAt: tokens.expiresAt ?? null,
      createdAt: new Date(now),
      expiresAt: new Date(now + OAUTH_CONFIRMATION_TTL_MS),
    });
    return { builderId, confirmation, workspaceId: pending.workspaceId };
  }

  /** Deletes the state whatever happens next, so it works once; refuses unknown, used and expired ones. */
  async #consumeState(state: string | undefined): Promise<OAuthStateRecord> {
    if (!state) throw new OAuthRefusal('the callback carries no state; start the connection from Tripline');
    const pending = await this.#options.store.oauthStates.consume(oauthStateId(state));
    if (!pending) {
      throw new OAuthRefusal('this authorization is unknown or was used already; start the connection again');
    }
    if (pending.expiresAt.getTime() <= this.#options.clock.now()) {
      throw new OAuthRefusal(
        `this authorization expired at ${pending.expiresAt.toISOString()} (it is valid for 10 minutes); start the connection again`,
        pending.builderId,
      );
    }
    return pending;
  }

  #integrationOf(pending: OAuthStateRecord): OAuthIntegration {
    const integration = this.#options.catalog.find(pending.integration);
    const oauth = integration ? asOAuthIntegration(integration) : undefined;
    if (!oauth) {
      throw new OAuthRefusal(
        `integration "${pending.integration}" no longer offers OAuth`,
        pending.builderId,
      );
    }
    return oauth;
  }

  async #liveBuilder(pending: OAuthStateRecord): Promise<BuilderRecord> {
    const builder = await this.#options.store.builders.get(pending.workspaceId, pending.builderId);
    if (!builder || builder.expiresAt.getTime() <= this.#options.clock.now()) {
      throw new OAuthRefusal(
        'the subscription builder expired or was deleted during the authorization; create a new one and connect again',
        pending.builderId,
      );
    }
    return builder;
  }
}

/** A provider's error text, bounded: it comes from the query string and goes into a URL and a log. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
