import type { Kysely } from 'kysely';
import type { OAuthStateRecord } from '../records.js';
import type { OAuthStateRepository } from '../store.js';
import type { Database } from './database.js';
import { fromOAuthState, toOAuthState } from './oauth-row-mapping.js';

export class SqlOAuthStateRepository implements OAuthStateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: OAuthStateRecord): Promise<void> {
    await this.db.insertInto('oauth_states').values(fromOAuthState(record)).execute();
  }

  async consume(id: string): Promise<OAuthStateRecord | undefined> {
    // One DELETE ... RETURNING: of two racing callers only the one that deleted the row gets it
    // back, on both dialects, with no read-then-delete window between them.
    const row = await this.db
      .deleteFrom('oauth_states')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toOAuthState(row);
  }

  async deleteExpired(now: Date): Promise<number> {
    const deleted = await this.db
      .deleteFrom('oauth_states')
      .where('expires_at', '<=', now.getTime())
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
