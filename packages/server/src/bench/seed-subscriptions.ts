import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Store } from '../store/store.js';

/** A subscription made for a benchmark or test, with the secret its senders sign with. */
export interface SeededEndpoint {
  readonly id: string;
  readonly workspaceId: string;
}

const PER_WORKSPACE = 10;

/**
 * Creates manual GitHub subscriptions through the store port, as the API would: a builder built into
 * a subscription, the webhook secret sealed. Ten per workspace, the product's limit, so 10,000
 * subscriptions live in 1,000 workspaces.
 */
export async function seedGitHubSubscriptions(input: {
  readonly store: Store;
  readonly secretBox: SecretBox;
  readonly secret: string;
  readonly count: number;
  readonly now: Date;
}): Promise<readonly SeededEndpoint[]> {
  const { store, now } = input;
  const sealed = input.secretBox.seal(input.secret);
  const seeded: SeededEndpoint[] = [];
  let workspaceId = '';
  let memberId = '';
  for (let index = 0; index < input.count; index += 1) {
    if (index % PER_WORKSPACE === 0) {
      workspaceId = randomUUID();
      memberId = randomUUID();
      await store.workspaces.createWithOwner({
        workspace: { id: workspaceId, name: `Workspace ${index / PER_WORKSPACE + 1}` },
        owner: { id: memberId, name: 'Owner' },
        token: { id: randomUUID(), hash: randomUUID().replaceAll('-', ''), label: 'seed' },
        now,
      });
    }
    const id = randomUUID();
    await store.builders.insert({
      id,
      workspaceId,
      integration: 'github',
      method: 'manual',
      name: null,
      parameters: {},
      properties: { webhook_secret: sealed },
      credentials: null,
      credentialId: null,
      createdBy: memberId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 60 * 60_000),
      buildStartedAt: null,
    });
    await store.subscriptions.createFromBuilder({
      builderId: id,
      limit: PER_WORKSPACE,
      subscription: {
        id,
        workspaceId,
        integration: 'github',
        name: `Repository hooks ${(index % PER_WORKSPACE) + 1}`,
        method: 'manual',
        parameters: {},
        properties: { webhook_secret: sealed },
        credentials: null,
        credentialId: null,
        status: 'active',
        statusReason: null,
        expiresAt: null,
        nextCheckAt: null,
        checkFailures: 0,
        lastCheckedAt: null,
        createdBy: memberId,
        createdAt: now,
        updatedAt: now,
      },
    });
    seeded.push({ id, workspaceId });
  }
  return seeded;
}
