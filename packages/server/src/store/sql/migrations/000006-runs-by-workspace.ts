import type { Kysely } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // GET /api/v1/runs lists a workspace's runs newest first across its workflows: without this
  // index the listing walks every workspace's runs by id.
  await db.schema.createIndex('runs_workspace').on('runs').columns(['workspace_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('runs_workspace').execute();
}
