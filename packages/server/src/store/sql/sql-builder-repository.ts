import type { Kysely, Updateable } from 'kysely';
import type { AbandonedBuildCursor } from '../ports/builder-repository.js';
import type { BuilderRecord } from '../records.js';
import type { BuilderRepository } from '../store.js';
import type { Database, SubscriptionBuildersTable } from './database.js';
import { fromBuilder, toBuilder } from './row-mapping.js';

type BuilderPatch = Parameters<BuilderRepository['update']>[2];

export class SqlBuilderRepository implements BuilderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(builder: BuilderRecord): Promise<void> {
    await this.db.insertInto('subscription_builders').values(fromBuilder(builder)).execute();
  }

  async get(workspaceId: string, id: string): Promise<BuilderRecord | undefined> {
    const row = await this.db
      .selectFrom('subscription_builders')
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toBuilder(row);
  }

  async findLive(id: string, now: Date): Promise<BuilderRecord | undefined> {
    const row = await this.db
      .selectFrom('subscription_builders')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', now.getTime())
      .executeTakeFirst();
    return row && toBuilder(row);
  }

  async update(workspaceId: string, id: string, patch: BuilderPatch): Promise<BuilderRecord | undefined> {
    const set = builderPatchToRow(patch);
    if (Object.keys(set).length === 0) return this.get(workspaceId, id);
    const row = await this.db
      .updateTable('subscription_builders')
      .set(set)
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .returningAll()
      .executeTakeFirst();
    return row && toBuilder(row);
  }

  async clearBuildMark(workspaceId: string, id: string, startedAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('subscription_builders')
      .set({ build_started_at: null })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('build_started_at', '=', startedAt.getTime())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('subscription_builders')
      .where('expires_at', '<=', now.getTime())
      .where('build_started_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listAbandonedBuilds(
    now: Date,
    limit: number,
    after?: AbandonedBuildCursor,
  ): Promise<readonly BuilderRecord[]> {
    let query = this.db
      .selectFrom('subscription_builders')
      .selectAll()
      .where('expires_at', '<=', now.getTime())
      .where('build_started_at', 'is not', null);
    if (after) {
      const expiresAt = after.expiresAt.getTime();
      query = query.where((eb) =>
        eb.or([
          eb('expires_at', '>', expiresAt),
          eb.and([eb('expires_at', '=', expiresAt), eb('id', '>', after.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('expires_at').orderBy('id').limit(limit).execute();
    return rows.map(toBuilder);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('subscription_builders').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function builderPatchToRow(patch: BuilderPatch): Updateable<SubscriptionBuildersTable> {
  const set: Updateable<SubscriptionBuildersTable> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.parameters !== undefined) set.parameters = JSON.stringify(patch.parameters);
  if (patch.properties !== undefined) set.properties = JSON.stringify(patch.properties);
  if (patch.credentials !== undefined) set.credentials = patch.credentials;
  if (patch.credentialId !== undefined) set.credential_id = patch.credentialId;
  if (patch.expiresAt !== undefined) set.expires_at = patch.expiresAt.getTime();
  if (patch.buildStartedAt !== undefined) set.build_started_at = patch.buildStartedAt?.getTime() ?? null;
  return set;
}
