import type { Kysely } from 'kysely';
import type { OAuthClientRecord } from '../records.js';
import type { OAuthClientRepository } from '../store.js';
import type { Database } from './database.js';
import { fromOAuthClient, toOAuthClient } from './oauth-row-mapping.js';

export class SqlOAuthClientRepository implements OAuthClientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(workspaceId: string, integration: string): Promise<OAuthClientRecord | undefined> {
    const row = await this.db
      .selectFrom('oauth_clients')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('integration', '=', integration)
      .executeTakeFirst();
    return row && toOAuthClient(row);
  }

  /** A replaced client keeps the time it was first created; the answer is the row as stored. */
  async put(record: OAuthClientRecord): Promise<OAuthClientRecord> {
    const row = fromOAuthClient(record);
    const stored = await this.db
      .insertInto('oauth_clients')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'integration']).doUpdateSet({
          client: row.client,
          enabled: row.enabled,
          updated_at: row.updated_at,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOAuthClient(stored);
  }

  async delete(workspaceId: string, integration: string): Promise<boolean> {
    const deleted = await this.db
      .deleteFrom('oauth_clients')
      .where('workspace_id', '=', workspaceId)
      .where('integration', '=', integration)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }
}
