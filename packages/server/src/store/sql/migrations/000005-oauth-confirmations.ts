import { type Kysely, sql } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An authorization the provider finished but the member who started it has not confirmed yet:
  // the tokens wait here, sealed, instead of landing in whatever workspace the state named. No
  // foreign key to the builder, as for oauth_states: confirming says so when it is gone.
  await db.schema
    .createTable('oauth_confirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('builder_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('client_source', 'text', (c) =>
      c.notNull().check(sql`client_source in ('workspace', 'system')`),
    )
    .addColumn('tokens', 'text', (c) => c.notNull())
    .addColumn('tokens_expire_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oauth_confirmations_expires')
    .on('oauth_confirmations')
    .column('expires_at')
    .execute();

  // Who holds a subscription's check (a check, a rebuild, a delete) and until when, apart from
  // when the next check is due.
  await db.schema.alterTable('subscriptions').addColumn('check_lease_until', 'bigint').execute();

  // Refreshes that failed for reasons other than the credentials back off, one credential at a time.
  await db.schema
    .alterTable('credentials')
    .addColumn('refresh_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('credentials').addColumn('next_refresh_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').dropColumn('next_refresh_at').execute();
  await db.schema.alterTable('credentials').dropColumn('refresh_failures').execute();
  await db.schema.alterTable('subscriptions').dropColumn('check_lease_until').execute();
  await db.schema.dropTable('oauth_confirmations').execute();
}
