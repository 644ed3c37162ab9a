import type { Integration } from '@tripline/sdk';
import { NameTakenError, ValidationError } from '../domain/errors.js';
import type { SubscriptionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** Names are shown in lists and pickers: trimmed, 1 to 100 characters. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw new ValidationError(`name must be 1 to 100 characters (got ${trimmed.length})`);
  }
  return trimmed;
}

/** "GitHub subscription 3": the first number no subscription of the integration uses yet. */
export function defaultName(integration: Integration, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const name = `${integration.name} subscription ${n}`;
    if (!taken.has(name)) return name;
  }
}

/** Throws 409 name_taken when a subscription of the integration already has the name. */
export async function checkNameFree(input: {
  readonly store: Store;
  readonly workspaceId: string;
  readonly integration: string;
  readonly name: string;
  readonly exceptId?: string;
}): Promise<void> {
  const existing = await input.store.subscriptions.list(input.workspaceId, input.integration);
  if (existing.some((other) => other.name === input.name && other.id !== input.exceptId)) {
    throw new NameTakenError(input.integration, input.name);
  }
}

/**
 * Creates a subscription under the chosen name, or a default one. Concurrent builds may pick the
 * same default; the loser picks again, at most `limit` times, since past that many the
 * subscription limit refuses anyway.
 */
export async function createWithName(input: {
  readonly store: Store;
  readonly integration: Integration;
  readonly workspaceId: string;
  readonly chosenName: string | null;
  readonly limit: number;
  readonly create: (name: string) => Promise<SubscriptionRecord>;
}): Promise<SubscriptionRecord> {
  if (input.chosenName !== null) return input.create(input.chosenName);
  for (let attempt = 1; ; attempt += 1) {
    const existing = await input.store.subscriptions.list(input.workspaceId, input.integration.id);
    const name = defaultName(input.integration, new Set(existing.map((subscription) => subscription.name)));
    try {
      return await input.create(name);
    } catch (error) {
      if (!(error instanceof NameTakenError) || attempt > input.limit) throw error;
    }
  }
}
