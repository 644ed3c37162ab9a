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

  async listExpiring(before: Date, limit: number): Promise<readonly CredentialRecord[]> {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('status', '=', 'active')
      .where('expires_at', '<=', before.getTime())
      .orderBy('expires_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toCredential);
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
  return set;
}
