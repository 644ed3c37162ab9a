import type { Integration, IntegrationContext } from '@tripline/sdk';
import { createIntegrationContext, type IntegrationContextOptions } from './integration-context.js';

/**
 * One {@link IntegrationContext} per integration, made on first use and kept, so an integration's
 * key-value cache (e.g. a repository list it fetched) lasts as long as the process.
 */
export class IntegrationContexts {
  readonly #options: IntegrationContextOptions;
  readonly #byId = new Map<string, IntegrationContext>();

  constructor(options: IntegrationContextOptions) {
    this.#options = options;
  }

  for(integration: Integration): IntegrationContext {
    let context = this.#byId.get(integration.id);
    if (!context) {
      context = createIntegrationContext(integration, this.#options);
      this.#byId.set(integration.id, context);
    }
    return context;
  }
}
