import type { Kysely } from 'kysely';
import type { OAuthConfirmationRecord } from '../records.js';
import type { OAuthConfirmationRepository } from '../store.js';
import type { Database } from './database.js';
import { fromOAuthConfirmation, toOAuthConfirmation } from './oauth-row-mapping.js';

export class SqlOAuthConfirmationRepository implements OAuthConfirmationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: OAuthConfirmationRecord): Promise<void> {
    await this.db.insertInto('oauth_confirmations').values(fromOAuthConfirmation(record)).execute();
  }

  async consume(id: string): Promise<OAuthConfirmationRecord | undefined> {
    // One DELETE ... RETURNING, as for states: of two racing confirms only one gets the row.
    const row = await this.db
      .deleteFrom('oauth_confirmations')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toOAuthConfirmation(row);
  }

  async deleteExpired(now: Date): Promise<number> {
    const deleted = await this.db
      .deleteFrom('oauth_confirmations')
      .where('expires_at', '<=', now.getTime())
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
