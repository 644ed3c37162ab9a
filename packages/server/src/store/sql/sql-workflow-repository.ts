import type { Kysely } from 'kysely';
import type { WorkflowRepository } from '../store.js';
import type { WorkflowRecord, WorkflowSummaryRecord, WorkflowVersionRecord } from '../workflow-records.js';
import type { Database, WorkflowTriggersTable } from './database.js';
import { toDate } from './row-mapping.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';
import { fromWorkflow, toWorkflow, toWorkflowVersion } from './workflow-row-mapping.js';

type PublishInput = Parameters<WorkflowRepository['publish']>[0];
type PublishResult = Awaited<ReturnType<WorkflowRepository['publish']>>;

export class SqlWorkflowRepository implements WorkflowRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: SqlDialectHooks,
  ) {}

  async insert(workflow: WorkflowRecord): Promise<void> {
    await this.db.insertInto('workflows').values(fromWorkflow(workflow)).execute();
  }

  async get(workspaceId: string, id: string): Promise<WorkflowRecord | undefined> {
    const row = await this.db
      .selectFrom('workflows')
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toWorkflow(row);
  }

  async list(workspaceId: string): Promise<readonly WorkflowSummaryRecord[]> {
    const rows = await this.db
      .selectFrom('workflows')
      .leftJoin('workflow_versions', 'workflow_versions.id', 'workflows.published_version_id')
      .select([
        'workflows.id',
        'workflows.workspace_id',
        'workflows.name',
        'workflows.description',
        'workflows.draft_updated_at',
        'workflows.published_version_id',
        'workflows.created_by',
        'workflows.created_at',
        'workflows.updated_at',
        'workflow_versions.version',
      ])
      .where('workflows.workspace_id', '=', workspaceId)
      .orderBy('workflows.created_at')
      .orderBy('workflows.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      name: row.name,
      description: row.description,
      draftUpdatedAt: toDate(row.draft_updated_at),
      publishedVersionId: row.published_version_id,
      publishedVersion: row.version === null ? null : Number(row.version),
      createdBy: row.created_by,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    }));
  }

  async updateDraft(
    workspaceId: string,
    id: string,
    draft: Pick<WorkflowRecord, 'name' | 'description' | 'draft'> & { readonly now: Date },
  ): Promise<WorkflowRecord | undefined> {
    const row = await this.db
      .updateTable('workflows')
      .set({
        name: draft.name,
        description: draft.description,
        draft: JSON.stringify(draft.draft),
        draft_updated_at: draft.now.getTime(),
        updated_at: draft.now.getTime(),
      })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .returningAll()
      .executeTakeFirst();
    return row && toWorkflow(row);
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    // Versions, trigger links and runs go with it (ON DELETE CASCADE).
    const result = await this.db
      .deleteFrom('workflows')
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  publish(input: PublishInput): Promise<PublishResult> {
    const now = input.now.getTime();
    return this.hooks.writeTransaction(this.db, async (trx) => {
      // Updating the row first serialises concurrent publications of one workflow (a row lock on
      // PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the database's write lock).
      const touched = await trx
        .updateTable('workflows')
        .set({ updated_at: now })
        .where('id', '=', input.workflowId)
        .where('workspace_id', '=', input.workspaceId)
        .executeTakeFirst();
      if (Number(touched.numUpdatedRows) === 0) return { ok: false, reason: 'not_found' } as const;

      const wanted = [
        ...new Set(
          input.triggers.flatMap((trigger) => (trigger.subscriptionId ? [trigger.subscriptionId] : [])),
        ),
      ];
      if (wanted.length > 0) {
        const found = await trx
          .selectFrom('subscriptions')
          .select('id')
          .where('workspace_id', '=', input.workspaceId)
          .where('id', 'in', wanted)
          .execute();
        const present = new Set(found.map((row) => row.id));
        const missing = wanted.filter((id) => !present.has(id));
        if (missing.length > 0) {
          return { ok: false, reason: 'missing_subscriptions', subscriptionIds: missing } as const;
        }
      }

      const { latest } = await trx
        .selectFrom('workflow_versions')
        .select((eb) => eb.fn.max('version').as('latest'))
        .where('workflow_id', '=', input.workflowId)
        .executeTakeFirstOrThrow();
      const version: WorkflowVersionRecord = {
        id: input.versionId,
        workflowId: input.workflowId,
        workspaceId: input.workspaceId,
        version: Number(latest ?? 0) + 1,
        document: input.document,
        createdBy: input.createdBy,
        createdAt: input.now,
      };
      await trx
        .insertInto('workflow_versions')
        .values({
          id: version.id,
          workflow_id: version.workflowId,
          workspace_id: version.workspaceId,
          version: version.version,
          document: JSON.stringify(version.document),
          created_by: version.createdBy,
          created_at: now,
        })
        .execute();
      await trx
        .updateTable('workflows')
        .set({ published_version_id: version.id })
        .where('id', '=', input.workflowId)
        .execute();

      const previous = await trx
        .selectFrom('workflow_triggers')
        .select(['node_id', 'enabled'])
        .where('workflow_id', '=', input.workflowId)
        .execute();
      const wasEnabled = new Map(previous.map((row) => [row.node_id, Number(row.enabled) === 1]));
      await trx.deleteFrom('workflow_triggers').where('workflow_id', '=', input.workflowId).execute();
      const rows: WorkflowTriggersTable[] = input.triggers.map((trigger) => ({
        workflow_id: input.workflowId,
        node_id: trigger.nodeId,
        workspace_id: input.workspaceId,
        version_id: version.id,
        node_type: trigger.nodeType,
        title: trigger.title,
        integration: trigger.integration,
        event: trigger.event,
        subscription_id: trigger.subscriptionId,
        event_parameters: JSON.stringify(trigger.eventParameters),
        enabled: (wasEnabled.get(trigger.nodeId) ?? true) ? 1 : 0,
      }));
      if (rows.length > 0) await trx.insertInto('workflow_triggers').values(rows).execute();
      return { ok: true, version } as const;
    });
  }

  async getVersion(workspaceId: string, versionId: string): Promise<WorkflowVersionRecord | undefined> {
    const row = await this.db
      .selectFrom('workflow_versions')
      .selectAll()
      .where('id', '=', versionId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toWorkflowVersion(row);
  }

  async listVersions(
    workspaceId: string,
    workflowId: string,
  ): Promise<readonly Omit<WorkflowVersionRecord, 'document'>[]> {
    // Without documents: a list shows numbers and dates; getVersion reads one document when asked.
    const rows = await this.db
      .selectFrom('workflow_versions')
      .select(['id', 'workflow_id', 'workspace_id', 'version', 'created_by', 'created_at'])
      .where('workflow_id', '=', workflowId)
      .where('workspace_id', '=', workspaceId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      workflowId: row.workflow_id,
      workspaceId: row.workspace_id,
      version: Number(row.version),
      createdBy: row.created_by,
      createdAt: toDate(row.created_at),
    }));
  }
}
