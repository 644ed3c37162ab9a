import type { SubscriptionMethod } from '../../../api/integration-types.js';
import { createBuilder } from '../../../api/integrations-api.js';
import { navigate } from '../../../app/router.js';
import { builderPath } from '../paths.js';
import { rememberCreated } from './revealed-builders.js';

/**
 * Starts a subscription setup (a builder) and opens its page. The create answer is remembered
 * because it is the only one that shows a generated secret in clear. Rejects with the server's
 * refusal (e.g. the workspace's limit), for the caller to show.
 */
export async function startBuilder(integrationId: string, method: SubscriptionMethod): Promise<void> {
  const builder = await createBuilder(integrationId, method);
  rememberCreated(builder);
  navigate(builderPath(integrationId, builder.id));
}
