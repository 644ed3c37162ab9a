import type { ParameterDefinition } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { sameExternalWebhook } from './same-external-webhook.js';

const definitions: ParameterDefinition[] = [
  { name: 'hook_id', label: 'Hook id', type: 'string' },
  { name: 'repository', label: 'Repository', type: 'string' },
  { name: 'webhook_secret', label: 'Webhook secret', type: 'secret' },
];

describe('sameExternalWebhook', () => {
  it('compares the id-like properties, ignoring a new secret', () => {
    const before = { hook_id: '42', repository: 'octo/a', webhook_secret: 'one' };
    expect(sameExternalWebhook(definitions, before, { ...before, webhook_secret: 'two' })).toBe(true);
    expect(sameExternalWebhook(definitions, before, { ...before, hook_id: 43 })).toBe(false);
    expect(sameExternalWebhook(definitions, before, { ...before, hook_id: 42 })).toBe(true);
  });

  it('compares every non-secret property when there is no id', () => {
    const before = { url: 'https://x/1', repository: 'octo/a' };
    expect(sameExternalWebhook([], before, { ...before })).toBe(true);
    expect(sameExternalWebhook([], before, { ...before, repository: 'octo/b' })).toBe(false);
  });
});
