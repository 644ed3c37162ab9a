import type { Kysely } from 'kysely';
import type { ScheduleFire, ScheduleFireReceipt, ScheduleTriggerRecord } from '../schedule-records.js';
import type { ScheduleRepository } from '../store.js';
import type { Database } from './database.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';
import { fromNewRun } from './workflow-row-mapping.js';

export class SqlScheduleRepository implements ScheduleRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: SqlDialectHooks,
  ) {}

  async listActive(): Promise<readonly ScheduleTriggerRecord[]> {
    const rows = await this.db
      .selectFrom('workflow_triggers as t')
      .innerJoin('workflow_versions as v', 'v.id', 't.version_id')
      .select((eb) => [
        't.workspace_id',
        't.workflow_id',
        't.node_id',
        't.version_id',
        'v.created_at as published_at',
        eb
          .selectFrom('schedule_fires as f')
          .select((fb) => fb.fn.max('f.scheduled_at').as('latest'))
          .whereRef('f.workflow_id', '=', 't.workflow_id')
          .whereRef('f.node_id', '=', 't.node_id')
          .as('last_fired_at'),
      ])
      .where('t.node_type', '=', 'trigger-schedule')
      .where('t.enabled', '=', 1)
      .orderBy('t.workflow_id')
      .orderBy('t.node_id')
      .execute();
    return rows.map((row) => ({
      workspaceId: row.workspace_id,
      workflowId: row.workflow_id,
      nodeId: row.node_id,
      versionId: row.version_id,
      publishedAt: new Date(Number(row.published_at)),
      lastFiredAt: row.last_fired_at === null ? null : new Date(Number(row.last_fired_at)),
    }));
  }

  fire(fire: ScheduleFire): Promise<ScheduleFireReceipt> {
    const { run, scheduledAt } = fire;
    if (run.versionId === null) throw new Error('a scheduled run must name a published version');
    const versionId = run.versionId;
    return this.hooks.writeTransaction(this.db, async (trx) => {
      const inserted = await trx
        .insertInto('schedule_fires')
        .values({
          version_id: versionId,
          node_id: run.trigger.nodeId,
          scheduled_at: scheduledAt.getTime(),
          workflow_id: run.workflowId,
          workspace_id: run.workspaceId,
          run_id: run.id,
          created_at: run.createdAt.getTime(),
        })
        .onConflict((conflict) => conflict.doNothing())
        .returning('run_id')
        .executeTakeFirst();
      if (inserted !== undefined) {
        await trx.insertInto('runs').values(fromNewRun(run)).execute();
        return { created: true, runId: run.id };
      }
      const earlier = await trx
        .selectFrom('schedule_fires')
        .select('run_id')
        .where('version_id', '=', versionId)
        .where('node_id', '=', run.trigger.nodeId)
        .where('scheduled_at', '=', scheduledAt.getTime())
        .executeTakeFirstOrThrow();
      return { created: false, runId: earlier.run_id };
    });
  }
}
