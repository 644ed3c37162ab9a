import type { ExpressionBuilder, Kysely, Updateable } from 'kysely';
import { NameTakenError, NotFoundError, SubscriptionLimitError } from '../../domain/errors.js';
import type { SubscriptionRecord, SubscriptionStatus } from '../records.js';
import type { SubscriptionRepository } from '../store.js';
import type { Database, SubscriptionsTable } from './database.js';
import { fromSubscription, toSubscription } from './row-mapping.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';

type SubscriptionPatch = Parameters<SubscriptionRepository['update']>[2];

export class SqlSubscriptionRepository implements SubscriptionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: SqlDialectHooks,
  ) {}

  createFromBuilder(input: {
    readonly builderId: string;
    readonly subscription: SubscriptionRecord;
    readonly limit: number;
  }): Promise<SubscriptionRecord> {
    const { subscription, limit } = input;
    return this.hooks.writeTransaction(this.db, async (trx) => {
      await this.hooks.lockSubscriptionSlots(trx, subscription.workspaceId, subscription.integration);
      const consumed = await trx
        .deleteFrom('subscription_builders')
        .where('id', '=', input.builderId)
        .where('workspace_id', '=', subscription.workspaceId)
        .executeTakeFirst();
      if (Number(consumed.numDeletedRows) === 0)
        throw new NotFoundError('subscription builder', input.builderId);
      const { count } = await trx
        .selectFrom('subscriptions')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('workspace_id', '=', subscription.workspaceId)
        .where('integration', '=', subscription.integration)
        .executeTakeFirstOrThrow();
      if (Number(count) >= limit) throw new SubscriptionLimitError(subscription.integration, limit);
      try {
        await trx.insertInto('subscriptions').values(fromSubscription(subscription)).execute();
      } catch (error) {
        if (!this.hooks.isSubscriptionNameTaken(error)) throw error;
        throw new NameTakenError(subscription.integration, subscription.name);
      }
      return subscription;
    });
  }

  async get(workspaceId: string, id: string): Promise<SubscriptionRecord | undefined> {
    const row = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async findById(id: string): Promise<SubscriptionRecord | undefined> {
    const row = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubscription(row);
  }

  async list(workspaceId: string, integration: string): Promise<readonly SubscriptionRecord[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('integration', '=', integration)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  async count(workspaceId: string, integration: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('subscriptions')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('integration', '=', integration)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async update(
    workspaceId: string,
    id: string,
    patch: SubscriptionPatch,
  ): Promise<SubscriptionRecord | undefined> {
    try {
      const row = await this.db
        .updateTable('subscriptions')
        .set(subscriptionPatchToRow(patch))
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .returningAll()
        .executeTakeFirst();
      return row && toSubscription(row);
    } catch (error) {
      if (patch.name === undefined || !this.hooks.isSubscriptionNameTaken(error)) throw error;
      // The message names the integration, which the patch does not carry.
      const current = await this.get(workspaceId, id);
      throw new NameTakenError(current?.integration ?? 'unknown', patch.name);
    }
  }

  delete(workspaceId: string, id: string): Promise<boolean> {
    return this.hooks.writeTransaction(this.db, async (trx) => {
      const deleted = await trx
        .deleteFrom('subscriptions')
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await trx
        .deleteFrom('request_logs')
        .where('endpoint_id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .execute();
      return true;
    });
  }

  async setStatus(id: string, status: SubscriptionStatus, reason: string | null, now: Date): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ status, status_reason: reason, updated_at: now.getTime() })
      .where('id', '=', id)
      .execute();
  }

  async listDue(now: Date, limit: number): Promise<readonly SubscriptionRecord[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('next_check_at', '<=', now.getTime())
      .where((eb) => notLeased(eb, now))
      .orderBy('next_check_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toSubscription);
  }

  async claimCheck(claim: {
    readonly id: string;
    readonly expected: Date;
    readonly now: Date;
    readonly leaseUntil: Date;
  }): Promise<boolean> {
    // One statement: the row lock (PostgreSQL) or the write lock (SQLite) makes a second
    // claimer re-read the lease after the first committed, so it no longer finds it free.
    const claimed = await this.db
      .updateTable('subscriptions')
      .set({ check_lease_until: claim.leaseUntil.getTime() })
      .where('id', '=', claim.id)
      .where('next_check_at', '=', claim.expected.getTime())
      .where((eb) => notLeased(eb, claim.now))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async releaseCheck(id: string, leaseUntil: Date): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ check_lease_until: null })
      .where('id', '=', id)
      .where('check_lease_until', '=', leaseUntil.getTime())
      .execute();
  }

  async listByCredential(workspaceId: string, credentialId: string): Promise<readonly SubscriptionRecord[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('credential_id', '=', credentialId)
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  async setStatusByCredential(
    credentialId: string,
    status: SubscriptionStatus,
    reason: string | null,
    now: Date,
  ): Promise<number> {
    const updated = await this.db
      .updateTable('subscriptions')
      .set({ status, status_reason: reason, updated_at: now.getTime() })
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows);
  }
}

/** Nobody holds the check's lease at `now`: none was taken, or it ran out. */
function notLeased(eb: ExpressionBuilder<Database, 'subscriptions'>, now: Date) {
  return eb.or([eb('check_lease_until', 'is', null), eb('check_lease_until', '<=', now.getTime())]);
}

function subscriptionPatchToRow(patch: SubscriptionPatch): Updateable<SubscriptionsTable> {
  const set: Updateable<SubscriptionsTable> = { updated_at: patch.updatedAt.getTime() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.parameters !== undefined) set.parameters = JSON.stringify(patch.parameters);
  if (patch.properties !== undefined) set.properties = JSON.stringify(patch.properties);
  if (patch.credentials !== undefined) set.credentials = patch.credentials;
  if (patch.credentialId !== undefined) set.credential_id = patch.credentialId;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.statusReason !== undefined) set.status_reason = patch.statusReason;
  if (patch.expiresAt !== undefined) set.expires_at = patch.expiresAt?.getTime() ?? null;
  if (patch.nextCheckAt !== undefined) set.next_check_at = patch.nextCheckAt?.getTime() ?? null;
  if (patch.checkFailures !== undefined) set.check_failures = patch.checkFailures;
  if (patch.lastCheckedAt !== undefined) set.last_checked_at = patch.lastCheckedAt?.getTime() ?? null;
  return set;
}
