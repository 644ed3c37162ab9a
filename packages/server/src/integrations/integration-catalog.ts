import type { Integration } from '@tripline/sdk';
import { HttpError } from '../domain/errors.js';

/** The integrations this service runs, by id. */
export class IntegrationCatalog {
  readonly #byId: ReadonlyMap<string, Integration>;

  constructor(integrations: readonly Integration[]) {
    const byId = new Map<string, Integration>();
    for (const integration of integrations) {
      if (byId.has(integration.id))
        throw new TypeError(`integration "${integration.id}" is registered twice`);
      byId.set(integration.id, integration);
    }
    this.#byId = byId;
  }

  list(): readonly Integration[] {
    return [...this.#byId.values()];
  }

  find(id: string): Integration | undefined {
    return this.#byId.get(id);
  }

  /** The integration, or 404 naming the ones that exist. */
  get(id: string): Integration {
    const integration = this.#byId.get(id);
    if (!integration) {
      const known = [...this.#byId.keys()].join(', ');
      throw new HttpError(
        404,
        'not_found',
        `integration "${id}" was not found; known integrations: ${known}`,
      );
    }
    return integration;
  }
}
