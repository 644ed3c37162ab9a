import type { Kysely } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Retention prunes fires older than a cutoff across every workflow, oldest first: without this
  // index each pass reads the whole table, which a schedule firing every minute grows by
  // 43,200 rows a month.
  await db.schema
    .createIndex('schedule_fires_by_time')
    .on('schedule_fires')
    .columns(['scheduled_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('schedule_fires_by_time').execute();
}
