import { createRequire } from 'node:module';
import type { JsonSchema } from '@tripline/sdk';
import type { GitHubEventName } from './event-names.js';
import { bundleEventSchema, type WebhookSchemaDocument } from './schema-bundle.js';

/** Reads the schema document of the installed @octokit/webhooks-schemas package. */
export function installedWebhookSchemas(): WebhookSchemaDocument {
  return createRequire(import.meta.url)('@octokit/webhooks-schemas') as WebhookSchemaDocument;
}

export interface OutputSchemasOptions {
  /** Where the schema document comes from; the installed package unless a test says otherwise. */
  readonly load?: () => WebhookSchemaDocument;
  readonly describe: (event: GitHubEventName) => string;
}

/**
 * The output schema of each event, bundled from @octokit/webhooks-schemas on first access. The
 * document is loaded only when a schema is asked for (the API does; ingress and workers never
 * do), and each event's bundle is built once and then shared, so treat it as read-only.
 */
export function createOutputSchemas(options: OutputSchemasOptions): (event: GitHubEventName) => JsonSchema {
  const load = options.load ?? installedWebhookSchemas;
  let document: WebhookSchemaDocument | undefined;
  const built = new Map<GitHubEventName, JsonSchema>();
  return (event) => {
    const cached = built.get(event);
    if (cached) return cached;
    document ??= load();
    const schema = bundleEventSchema(document, { event, description: options.describe(event) });
    built.set(event, schema);
    return schema;
  };
}
