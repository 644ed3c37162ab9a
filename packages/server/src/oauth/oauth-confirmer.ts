import { HttpError, NotFoundError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { OAuthConfirmationRecord, Principal } from '../store/records.js';
import { BUILDER_TTL_MS } from '../subscriptions/subscription-services-options.js';
import type { OAuthFlowOptions } from './oauth-flow-options.js';
import { oauthConfirmationId } from './oauth-secrets.js';
import { reconnectSubscriptions } from './reconnect-subscriptions.js';

/**
 * The last step of an OAuth authorization: the member who started it confirms, from their own
 * session, the tokens the callback received. Only then are they saved (sealed) as a credential of
 * that member's workspace and set on the builder. A confirmation works once, whoever presents it:
 * one refused (someone else's session, another builder) is gone too, so tokens that reached the
 * wrong browser are stored for nobody.
 */
export class OAuthConfirmer {
  readonly #options: OAuthFlowOptions;

  constructor(options: OAuthFlowOptions) {
    this.#options = options;
  }

  /** Saves the confirmed tokens as the builder's credential; answers the credential id. */
  async confirm(principal: Principal, builderId: string, confirmation: string): Promise<string> {
    const { store, clock, logger, events } = this.#options;
    const pending = await store.oauthConfirmations.consume(oauthConfirmationId(confirmation));
    if (!pending) {
      throw new HttpError(
        404,
        'oauth_confirmation_unknown',
        'this authorization is unknown or was confirmed already; connect again',
      );
    }
    this.#checkStarter(principal, builderId, pending);
    if (pending.expiresAt.getTime() <= clock.now()) {
      throw new HttpError(
        410,
        'oauth_confirmation_expired',
        `this authorization expired at ${pending.expiresAt.toISOString()} (it must be confirmed within 10 minutes); connect again`,
      );
    }
    await this.#liveBuilder(pending);
    const now = new Date(clock.now());
    const credentialId = newId();
    await store.credentials.insert({
      id: credentialId,
      workspaceId: pending.workspaceId,
      integration: pending.integration,
      method: 'oauth',
      credentials: pending.tokens,
      expiresAt: pending.tokensExpireAt,
      clientSource: pending.clientSource,
      status: 'active',
      statusReason: null,
      createdBy: pending.memberId,
      createdAt: now,
      updatedAt: now,
      refreshFailures: 0,
      nextRefreshAt: null,
    });
    // Connecting is activity on the builder: it lives another full term, as after an edit.
    const updated = await store.builders.update(pending.workspaceId, builderId, {
      credentialId,
      expiresAt: new Date(now.getTime() + BUILDER_TTL_MS),
    });
    if (!updated) throw new NotFoundError('subscription builder', builderId);
    events.emit('endpoint.changed', { endpointId: builderId });
    const reconnected = await reconnectSubscriptions({
      store,
      workspaceId: pending.workspaceId,
      integration: pending.integration,
      credentialId,
      now,
    });
    const where = { builderId, credentialId, workspaceId: pending.workspaceId };
    logger.info({ ...where, outcome: 'connected' }, 'oauth authorization confirmed');
    if (reconnected.length > 0) {
      logger.info(
        { credentialId, subscriptionIds: reconnected },
        'subscriptions on a refused authorization moved to the new one',
      );
    }
    return credentialId;
  }

  /** Only the member who started the authorization, for the builder it was started for. */
  #checkStarter(principal: Principal, builderId: string, pending: OAuthConfirmationRecord): void {
    if (
      principal.workspaceId === pending.workspaceId &&
      principal.memberId === pending.memberId &&
      builderId === pending.builderId
    ) {
      return;
    }
    this.#options.logger.warn(
      {
        builderId,
        startedFor: pending.builderId,
        workspaceId: principal.workspaceId,
        memberId: principal.memberId,
        startedInWorkspace: pending.workspaceId,
        startedBy: pending.memberId,
      },
      'oauth confirmation refused: not the member who started it; its tokens were discarded',
    );
    throw new HttpError(
      403,
      'oauth_confirmation_refused',
      'this authorization was started by someone else; start the connection yourself',
    );
  }

  async #liveBuilder(pending: OAuthConfirmationRecord): Promise<void> {
    const builder = await this.#options.store.builders.get(pending.workspaceId, pending.builderId);
    if (!builder) throw new NotFoundError('subscription builder', pending.builderId);
    if (builder.expiresAt.getTime() <= this.#options.clock.now()) {
      throw new HttpError(
        410,
        'builder_expired',
        `subscription builder "${builder.id}" expired at ${builder.expiresAt.toISOString()} during the authorization; create a new one and connect again`,
      );
    }
  }
}
