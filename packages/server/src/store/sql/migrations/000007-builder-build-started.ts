import type { Kysely } from 'kysely';

// Frozen once released: later changes go into a new numbered migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // When an automatic build began creating the external webhook. Set, the builder may have left a
  // webhook behind (the process died before the subscription was stored), so an expired builder is
  // not simply deleted: the abandoned-build cleanup removes that webhook first.
  await db.schema.alterTable('subscription_builders').addColumn('build_started_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subscription_builders').dropColumn('build_started_at').execute();
}
