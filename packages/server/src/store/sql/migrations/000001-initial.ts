import { type Kysely, type Migration, sql } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

/** The one column type the dialects spell differently: raw request bodies. */
export interface InitialMigrationOptions {
  readonly binaryType: 'blob' | 'bytea';
}

/** The core tables, the same on both dialects but for the binary column type. */
export function initialMigration(options: InitialMigrationOptions): Migration {
  return { up: (db) => up(db, options), down };
}

async function up(db: Kysely<unknown>, options: InitialMigrationOptions): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'admin', 'editor', 'viewer')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_workspace').on('members').column('workspace_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_tokens_member').on('api_tokens').column('member_id').execute();

  await db.schema
    .createTable('subscription_builders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscription_builders_expires')
    .on('subscription_builders')
    .column('expires_at')
    .execute();

  // The unique (workspace_id, integration, name) also serves lookups and counts by
  // (workspace_id, integration), being its prefix.
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'unauthorized', 'error')`))
    .addColumn('status_reason', 'text')
    .addColumn('expires_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('subscriptions_name_unique', ['workspace_id', 'integration', 'name'])
    .execute();

  // No foreign key on endpoint_id: a builder's logs keep their endpoint id when it becomes a
  // subscription, and the hot insert path stays free of lookups.
  await db.schema
    .createTable('request_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('body', options.binaryType)
    .addColumn('response_status', 'integer', (c) => c.notNull())
    .addColumn('response_headers', 'text', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`outcome in ('accepted', 'no_events', 'duplicate', 'unauthorized', 'unreadable', 'too_large')`,
        ),
    )
    .addColumn('reason', 'text')
    .addColumn('dispatch_state', 'text', (c) =>
      c.notNull().check(sql`dispatch_state in ('pending', 'done', 'none')`),
    )
    .addColumn('dispatched_at', 'bigint')
    .addColumn('runs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('replay_of', 'text')
    .execute();
  await db.schema
    .createIndex('request_logs_endpoint')
    .on('request_logs')
    .columns(['endpoint_id', 'id'])
    .execute();
  await db.schema
    .createIndex('request_logs_delivery_unique')
    .unique()
    .on('request_logs')
    .columns(['endpoint_id', 'delivery_id'])
    .where(sql.raw<boolean>("delivery_id IS NOT NULL AND outcome = 'accepted' AND replay_of IS NULL"))
    .execute();
  await db.schema
    .createIndex('request_logs_pending')
    .on('request_logs')
    .column('id')
    .where(sql.raw<boolean>("dispatch_state = 'pending'"))
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'request_logs',
    'subscriptions',
    'subscription_builders',
    'api_tokens',
    'members',
    'workspaces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
