import { buildSubscription, updateBuilder } from '../../../api/integrations-api.js';
import type { ParameterValues } from '../../../api/parameter-types.js';
import { navigate } from '../../../app/router.js';
import { integrationPath } from '../paths.js';
import { forgetCreated } from './revealed-builders.js';

/**
 * "Create": saves the last fields on the builder, turns it into a subscription (same id, same
 * callback URL) and goes back to the integration's subscriptions.
 */
export async function finishBuild(input: {
  readonly integration: string;
  readonly builderId: string;
  readonly name: string;
  readonly parameters?: ParameterValues;
}): Promise<void> {
  const name = input.name.trim();
  if (name !== '' || input.parameters) {
    await updateBuilder(input.builderId, {
      ...(name !== '' ? { name } : {}),
      ...(input.parameters ? { parameters: input.parameters } : {}),
    });
  }
  await buildSubscription(input.builderId);
  forgetCreated(input.builderId);
  navigate(integrationPath(input.integration));
}
