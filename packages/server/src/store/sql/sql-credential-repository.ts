import type { Kysely, Updateable } from 'kysely';
import type { CredentialRecord, CredentialStatus } from '../records.js';
import type { CredentialRepository } from '../store.js';
import type { CredentialsTable, Database } from './database.js';
import { fromCredential, toCredential } from './oauth-row-mapping.js';

type CredentialPatch = Parameters<CredentialRepository['update']>[1];

export class SqlCredentialRepository implements CredentialRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: CredentialRecord): Promise<void> {
    await this.db.insertInto('credentials').values(fromCredential(record)).execute();
  }

  async get(workspaceId: string, id: string): Promise<CredentialRecord | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toCredential(row);
  }

  async latestActive(workspaceId: string, integration: string): Promise<CredentialRecord | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('integration', '=', integration)
      .where('status', '=', 'active')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toCredential(row);
  }

  async update(id: string, patch: CredentialPatch): Promise<CredentialRecord | undefined> {
    const row = await this.db
      .updateTable('credentials')
      .set(credentialPatchToRow(patch))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toCredential(row);
  }

  async listExpiring(query: {
    readonly before: Date;
    readonly now: Date;
    readonly limit: number;
  }): Promise<readonly CredentialRecord[]> {
    const { before, now, limit } = query;
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('status', '=', 'active')
      .where('expires_at', '<=', before.getTime())
      .where((eb) => eb.or([eb('next_refresh_at', 'is', null), eb('next_refresh_at', '<=', now.getTime())]))
      .orderBy('expires_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toCredential);
  }

  async setRefreshBackoff(
    id: string,
    backoff: { readonly failures: number; readonly nextRefreshAt: Date },
  ): Promise<void> {
    await this.db
      .updateTable('credentials')
      .set({ refresh_failures: backoff.failures, next_refresh_at: backoff.nextRefreshAt.getTime() })
      .where('id', '=', id)
      .execute();
  }

  async setStatus(id: string, status: CredentialStatus, reason: string | null, now: Date): Promise<void> {
    await this.db
      .updateTable('credentials')
      .set({ status, status_reason: reason, updated_at: now.getTime() })
      .where('id', '=', id)
      .execute();
  }
}

function credentialPatchToRow(patch: CredentialPatch): Updateable<CredentialsTable> {
  const set: Updateable<CredentialsTable> = { updated_at: patch.updatedAt.getTime() };
  if (patch.credentials !== undefined) set.credentials = patch.credentials;
  if (patch.expiresAt !== undefined) set.expires_at = patch.expiresAt?.getTime() ?? null;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.statusReason !== undefined) set.status_reason = patch.statusReason;
  if (patch.refreshFailures !== undefined) set.refresh_failures = patch.refreshFailures;
  if (patch.nextRefreshAt !== undefined) set.next_refresh_at = patch.nextRefreshAt?.getTime() ?? null;
  return set;
}
