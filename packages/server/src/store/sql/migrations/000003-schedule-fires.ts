import type { Kysely } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per time a schedule fired: the primary key makes a second scheduler (another
  // process, or this one after a restart) create nothing for a time already fired.
  await db.schema
    .createTable('schedule_fires')
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'bigint', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('schedule_fires_pk', ['version_id', 'node_id', 'scheduled_at'])
    .execute();
  // The latest fire of a node across versions: where catching up after a restart starts.
  await db.schema
    .createIndex('schedule_fires_latest')
    .on('schedule_fires')
    .columns(['workflow_id', 'node_id', 'scheduled_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('schedule_fires').execute();
}
