import { type Kysely, sql } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The draft and published documents are JSON text: read whole, never queried inside.
  await db.schema
    .createTable('workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('draft_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('published_version_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workflows_workspace')
    .on('workflows')
    .columns(['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('workflow_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('workflow_versions_number_unique', ['workflow_id', 'version'])
    .execute();

  // A deleted subscription sets subscription_id to null: the trigger stays listed and never matches.
  await db.schema
    .createTable('workflow_triggers')
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text', (c) =>
      c.notNull().check(sql`node_type in ('start', 'trigger-plugin', 'trigger-webhook', 'trigger-schedule')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('integration', 'text')
    .addColumn('event', 'text')
    .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id').onDelete('set null'))
    .addColumn('event_parameters', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workflow_triggers_pk', ['workflow_id', 'node_id'])
    .execute();
  await db.schema
    .createIndex('workflow_triggers_subscription_event')
    .on('workflow_triggers')
    .columns(['subscription_id', 'event'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
    .addColumn('version_id', 'text')
    .addColumn('document', 'text')
    .addColumn('trigger_node_id', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('invoke_from', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'running', 'succeeded', 'failed')`),
    )
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('outputs', 'text')
    .addColumn('error', 'text')
    .addColumn('trace', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('retry_of', 'text')
    .addColumn('delivery_log_id', 'text')
    .addColumn('event_index', 'integer')
    .addColumn('worker_id', 'text')
    .addColumn('heartbeat_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  // One run per (delivery, event, version, trigger node), even when a dispatch is repeated after a
  // crash. Runs not started by a delivery have nulls here, which never collide.
  await db.schema
    .createIndex('runs_delivery_unique')
    .unique()
    .on('runs')
    .columns(['delivery_log_id', 'event_index', 'version_id', 'trigger_node_id'])
    .execute();
  await db.schema.createIndex('runs_workflow').on('runs').columns(['workflow_id', 'id']).execute();
  await db.schema
    .createIndex('runs_queued')
    .on('runs')
    .column('id')
    .where(sql.raw<boolean>("status = 'queued'"))
    .execute();
  await db.schema
    .createIndex('runs_running')
    .on('runs')
    .column('worker_id')
    .where(sql.raw<boolean>("status = 'running'"))
    .execute();

  await db.schema.alterTable('request_logs').addColumn('dispatch_results', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('request_logs').dropColumn('dispatch_results').execute();
  for (const table of ['runs', 'workflow_triggers', 'workflow_versions', 'workflows']) {
    await db.schema.dropTable(table).execute();
  }
}
