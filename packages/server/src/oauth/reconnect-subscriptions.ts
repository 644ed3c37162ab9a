import type { Store } from '../store/store.js';
import { isHeldLease, scheduledAt } from '../subscriptions/check-lease.js';
import { DEFAULT_CHECK_POLICY } from '../subscriptions/check-policy.js';

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
  /** How long a claimed check may hold its lease (the check policy's `leaseMs`). */
  readonly leaseMs?: number;
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
    // A check running now keeps its lease, so no second one starts beside it; it comes back
    // soon, since a failure after zero failures waits only the first backoff step.
    const leased = isHeldLease(
      subscription.nextCheckAt,
      now.getTime(),
      input.leaseMs ?? DEFAULT_CHECK_POLICY.leaseMs,
    );
    const updated = await store.subscriptions.update(workspaceId, subscription.id, {
      credentialId,
      ...(leased ? {} : { nextCheckAt: scheduledAt(now.getTime()) }),
      checkFailures: 0,
      updatedAt: now,
    });
    if (updated) moved.push(subscription.id);
  }
  return moved;
}
