import type { Integration, ParameterValues, SubscriptionMethod } from '@tripline/sdk';
import { HttpError } from '../domain/errors.js';
import type { CredentialRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { missingRequired } from './parameter-validation.js';
import type { SecretProperties } from './secret-properties.js';

/** A builder or a subscription: what says where its credentials are. */
export interface CredentialHolder {
  readonly id: string;
  readonly workspaceId: string;
  readonly method: SubscriptionMethod;
  /** api-key: the sealed credentials. */
  readonly credentials: string | null;
  /** oauth: the workspace's saved credential. */
  readonly credentialId: string | null;
}

/**
 * Credentials that are not there or no longer work, before any call to the external system: the
 * user has to set them (api-key) or authorize again (oauth). A subscription in this state is
 * `unauthorized`.
 */
export class CredentialsMissingError extends HttpError {
  override readonly name = 'CredentialsMissingError';
}

/** Where a holder's credentials live, for the hint in a message. */
export type HolderKind = 'subscription builder' | 'subscription';

/**
 * Opens the credentials an automatic builder or subscription calls the external system with:
 * api-key ones from the holder itself, oauth ones from the workspace's saved credential (shared by
 * its subscriptions). Never logs or returns them anywhere but to the integration's hooks.
 */
export class CredentialResolver {
  readonly #store: Store;
  readonly #secrets: SecretProperties;

  constructor(options: { readonly store: Store; readonly secrets: SecretProperties }) {
    this.#store = options.store;
    this.#secrets = options.secrets;
  }

  /** The saved credential an oauth holder uses, if any (for views and status checks). */
  async saved(
    holder: Pick<CredentialHolder, 'workspaceId' | 'credentialId'>,
  ): Promise<CredentialRecord | undefined> {
    if (holder.credentialId === null) return undefined;
    return this.#store.credentials.get(holder.workspaceId, holder.credentialId);
  }

  /** The credentials in clear; {@link CredentialsMissingError} saying what to do when there are none. */
  async open(holder: CredentialHolder, integration: Integration, kind: HolderKind): Promise<ParameterValues> {
    switch (holder.method) {
      case 'api-key':
        return this.#apiKey(holder, integration, kind);
      case 'oauth':
        return this.#oauth(holder, integration, kind);
      case 'manual':
        throw new HttpError(
          400,
          'no_credentials',
          `${kind} "${holder.id}" uses the manual method: it has no credentials to use with ${integration.name}`,
        );
      default: {
        const unknownMethod: never = holder.method;
        throw new TypeError(`unknown subscription method "${String(unknownMethod)}"`);
      }
    }
  }

  #apiKey(holder: CredentialHolder, integration: Integration, kind: HolderKind): ParameterValues {
    const values = this.#secrets.openCredentials(holder.credentials);
    const missing = missingRequired('credentials', integration.subscription.credentials, values);
    if (missing.length > 0) {
      const example = Object.fromEntries(
        integration.subscription.credentials
          .filter((definition) => definition.required)
          .map((definition) => [definition.name, '...']),
      );
      throw new CredentialsMissingError(
        400,
        'missing_credentials',
        `${kind} "${holder.id}" has no ${missing.join(', ')}: set it with PATCH ${apiPath(kind, holder.id)} ` +
          `and a body like ${JSON.stringify({ credentials: example })}`,
      );
    }
    return values;
  }

  async #oauth(
    holder: CredentialHolder,
    integration: Integration,
    kind: HolderKind,
  ): Promise<ParameterValues> {
    const saved = await this.saved(holder);
    const authorize =
      kind === 'subscription builder'
        ? `POST /api/v1/subscription-builders/${holder.id}/oauth/authorize`
        : `authorizing ${integration.name} again from a subscription builder (POST /api/v1/subscription-builders/{id}/oauth/authorize renews the workspace's saved authorization)`;
    if (!saved) {
      throw new CredentialsMissingError(
        400,
        'not_authorized',
        `${kind} "${holder.id}" has no ${integration.name} authorization: authorize first with ${authorize}`,
      );
    }
    if (saved.status === 'unauthorized') {
      throw new CredentialsMissingError(
        400,
        'credential_unauthorized',
        `the saved ${integration.name} authorization no longer works (${saved.statusReason ?? 'refused'}); authorize again with ${authorize}`,
      );
    }
    return this.#secrets.openCredentials(saved.credentials);
  }
}

function apiPath(kind: HolderKind, id: string): string {
  return kind === 'subscription builder'
    ? `/api/v1/subscription-builders/${id}`
    : `/api/v1/subscriptions/${id}`;
}
