import { type Kysely, sql } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Saved OAuth tokens a workspace reuses across subscriptions of one integration.
  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('oauth')`))
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('client_source', 'text', (c) =>
      c.notNull().check(sql`client_source in ('workspace', 'system')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'unauthorized')`))
    .addColumn('status_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The newest active credential of a workspace and integration, read when a builder starts.
  await db.schema
    .createIndex('credentials_latest')
    .on('credentials')
    .columns(['workspace_id', 'integration', 'status', 'created_at'])
    .execute();
  // The refresher's scan for tokens about to expire.
  await db.schema.createIndex('credentials_expires').on('credentials').column('expires_at').execute();

  // No foreign key to credentials: a credential goes only with its workspace, which takes its
  // builders and subscriptions along, so the link cannot dangle.
  await db.schema.alterTable('subscription_builders').addColumn('credential_id', 'text').execute();

  await db.schema.alterTable('subscriptions').addColumn('credential_id', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('next_check_at', 'bigint').execute();
  await db.schema
    .alterTable('subscriptions')
    .addColumn('check_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('subscriptions').addColumn('last_checked_at', 'bigint').execute();
  // Manual subscriptions have nothing to check and stay out of the self-healing scan's index.
  await db.schema
    .createIndex('subscriptions_next_check')
    .on('subscriptions')
    .column('next_check_at')
    .where(sql.raw<boolean>('next_check_at IS NOT NULL'))
    .execute();
  await db.schema
    .createIndex('subscriptions_credential')
    .on('subscriptions')
    .column('credential_id')
    .where(sql.raw<boolean>('credential_id IS NOT NULL'))
    .execute();

  await db.schema
    .createTable('oauth_clients')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_clients_pk', ['workspace_id', 'integration'])
    .execute();

  // No foreign key to the builder: it may expire while the user is at the provider, and the
  // callback then says so instead of finding nothing.
  await db.schema
    .createTable('oauth_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('builder_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('client_source', 'text', (c) =>
      c.notNull().check(sql`client_source in ('workspace', 'system')`),
    )
    .addColumn('code_verifier', 'text')
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_states_expires').on('oauth_states').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_states').execute();
  await db.schema.dropTable('oauth_clients').execute();
  await db.schema.dropIndex('subscriptions_credential').execute();
  await db.schema.dropIndex('subscriptions_next_check').execute();
  for (const column of ['last_checked_at', 'check_failures', 'next_check_at', 'credential_id']) {
    await db.schema.alterTable('subscriptions').dropColumn(column).execute();
  }
  await db.schema.alterTable('subscription_builders').dropColumn('credential_id').execute();
  await db.schema.dropTable('credentials').execute();
}
