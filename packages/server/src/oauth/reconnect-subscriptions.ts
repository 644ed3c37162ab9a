import type { Store } from '../store/store.js';

/**
 * After a fresh authorization, the workspace's subscriptions of that integration whose saved
 * credential was refused (`unauthorized`) move to the new credential and are checked at once, so
 * authorizing again is how a user repairs them: the self-healing check confirms them and sets them
 * `active`, and nobody waits out the check's backoff. Subscriptions on a working credential stay
 * where they are. Returns the ids that moved.
 */
export async function reconnectSubscriptions(input: {
  readonly store: Store;
  readonly workspaceId: string;
  readonly integration: string;
  readonly credentialId: string;
  readonly now: Date;
}): Promise<readonly string[]> {
  const { store, workspaceId, integration, credentialId, now } = input;
  const subscriptions = await store.subscriptions.list(workspaceId, integration);
  const refused = new Map<string, boolean>();
  const moved: string[] = [];
  for (const subscription of subscriptions) {
    const previous = subscription.credentialId;
    if (previous === null || previous === credentialId) continue;
    if (!refused.has(previous)) {
      const credential = await store.credentials.get(workspaceId, previous);
      refused.set(previous, credential === undefined || credential.status === 'unauthorized');
    }
    if (!refused.get(previous)) continue;
    // Due now; a check running at the moment keeps its lease (a column of its own), so no second
    // one starts beside it, and the one after comes as soon as the lease ends.
    const updated = await store.subscriptions.update(workspaceId, subscription.id, {
      credentialId,
      nextCheckAt: now,
      checkFailures: 0,
      updatedAt: now,
    });
    if (updated) moved.push(subscription.id);
  }
  return moved;
}
