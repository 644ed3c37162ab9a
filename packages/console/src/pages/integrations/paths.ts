/** Console addresses of the integration pages, in one place so links and routes agree. */
const encode = encodeURIComponent;

export const integrationPath = (integration: string) => `/integrations/${encode(integration)}`;
export const builderPath = (integration: string, builderId: string) =>
  `/integrations/${encode(integration)}/builders/${encode(builderId)}`;
export const oauthSetupPath = (integration: string) => `/integrations/${encode(integration)}/oauth`;
export const subscriptionLogsPath = (subscriptionId: string) =>
  `/subscriptions/${encode(subscriptionId)}/logs`;
/** The run pages live with the workflows. */
export const runPath = (runId: string) => `/runs/${encode(runId)}`;
