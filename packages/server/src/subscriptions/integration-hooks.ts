import type {
  ExistingSubscriptionInput,
  Integration,
  IntegrationContext,
  ParameterValues,
  SubscribeResult,
} from '@tripline/sdk';
import { HttpError } from '../domain/errors.js';
import { IntegrationContexts } from '../external/integration-contexts.js';
import type { SubscriptionRecord } from '../store/records.js';
import { type CheckPolicy, checkPolicy } from './check-policy.js';
import { CredentialResolver } from './credential-resolver.js';
import { SecretProperties } from './secret-properties.js';
import { endpointUrl, type SubscriptionServicesOptions } from './subscription-services-options.js';

/**
 * Calls an integration's outbound hooks for a builder or subscription: opens the sealed values
 * they need, gives them the integration's context and the endpoint URL. Errors of the hooks are
 * passed on as thrown; callers turn them into answers (external/integration-errors.ts) or statuses.
 */
export class IntegrationHooks {
  readonly secrets: SecretProperties;
  readonly credentials: CredentialResolver;
  readonly policy: CheckPolicy;
  readonly #contexts: IntegrationContexts;
  readonly #triggerUrl: string;

  constructor(options: SubscriptionServicesOptions) {
    this.secrets = new SecretProperties(options.secretBox);
    this.credentials = new CredentialResolver({ store: options.store, secrets: this.secrets });
    this.policy = checkPolicy(options.checkPolicy);
    this.#contexts =
      options.integrationContexts ??
      new IntegrationContexts({ logger: options.logger, clock: options.clock, env: options.config.env });
    this.#triggerUrl = options.config.triggerUrl;
  }

  context(integration: Integration): IntegrationContext {
    return this.#contexts.for(integration);
  }

  endpointUrl(endpointId: string): string {
    return endpointUrl(this.#triggerUrl, endpointId);
  }

  /** Properties an integration produced, with its secret-typed ones sealed for the store. */
  sealProperties(integration: Integration, properties: ParameterValues): ParameterValues {
    return this.secrets.seal(integration.subscription.properties, properties);
  }

  /**
   * Creates the external webhook for the endpoint, or adopts and corrects the one that already
   * points at its URL (the integration's `subscribe` promises that).
   */
  async subscribe(
    integration: Integration,
    input: {
      readonly endpointId: string;
      readonly parameters: ParameterValues;
      readonly credentials: ParameterValues;
    },
  ): Promise<SubscribeResult> {
    if (!integration.subscribe) {
      throw new HttpError(
        400,
        'not_supported',
        `integration "${integration.id}" cannot create webhooks by itself; use the manual method`,
      );
    }
    return integration.subscribe({
      endpointUrl: this.endpointUrl(input.endpointId),
      parameters: input.parameters,
      credentials: input.credentials,
      context: this.context(integration),
    });
  }

  /**
   * What the hooks of an existing subscription receive, every value in clear. Throws
   * CredentialsMissingError when its credentials are gone.
   */
  async existing(record: SubscriptionRecord, integration: Integration): Promise<ExistingSubscriptionInput> {
    return {
      endpointUrl: this.endpointUrl(record.id),
      parameters: this.secrets.open(record.parameters),
      properties: this.secrets.open(record.properties),
      credentials: await this.credentials.open(record, integration, 'subscription'),
      context: this.context(integration),
    };
  }

  /** Removes the external webhook; integrations without the hook have nothing to remove. */
  async unsubscribe(integration: Integration, input: ExistingSubscriptionInput): Promise<void> {
    if (integration.unsubscribe) await integration.unsubscribe(input);
  }
}
