import { sql } from 'kysely';
import { SUBSCRIPTION_NAME_UNIQUE } from '../sql/database.js';
import type { SqlDialectHooks } from '../sql/sql-dialect-hooks.js';

/** The first key of the two-key advisory locks taken while counting subscriptions. */
const SUBSCRIPTION_SLOTS_LOCK = 0x7472_0001;
/** The first key of the advisory lock the first start creates the "Default" workspace under. */
const WORKSPACE_BOOTSTRAP_LOCK = 0x7472_0002;

export const postgresDialectHooks: SqlDialectHooks = {
  writeTransaction(db, work) {
    return db.transaction().execute(work);
  },

  async lockWorkspaceBootstrap(trx) {
    // Advisory locks are database-wide: the schema in the second key keeps installations that
    // share a database in separate schemas from waiting on each other.
    await sql`select pg_advisory_xact_lock(${WORKSPACE_BOOTSTRAP_LOCK}, hashtext(current_schema()))`.execute(
      trx,
    );
  },

  async lockSubscriptionSlots(trx, workspaceId, integration) {
    // Released at commit or rollback; unrelated pairs that share a hash only wait on each other.
    await sql`select pg_advisory_xact_lock(${SUBSCRIPTION_SLOTS_LOCK}, hashtext(${`${workspaceId}/${integration}`}))`.execute(
      trx,
    );
  },

  isSubscriptionNameTaken(error) {
    const details = error as { code?: unknown; constraint?: unknown } | null;
    return details?.code === '23505' && details.constraint === SUBSCRIPTION_NAME_UNIQUE;
  },
};
