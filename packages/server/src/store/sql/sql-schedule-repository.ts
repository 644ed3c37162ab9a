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

  async pruneFires(input: { readonly firedBefore: Date; readonly limit: number }): Promise<number> {
    const limit = Math.trunc(input.limit);
    if (limit <= 0) return 0;
    // The primary key names a fire on both dialects (PostgreSQL has no rowid). The inner query
    // walks schedule_fires_by_time over old fires only, and schedule_fires_latest answers whether
    // a later fire of the same node exists: the latest one never qualifies, however old.
    const result = await this.db
      .deleteFrom('schedule_fires')
      .where(({ eb, refTuple, selectFrom }) =>
        eb(
          refTuple('version_id', 'node_id', 'scheduled_at'),
          'in',
          selectFrom('schedule_fires as f')
            .select(['f.version_id', 'f.node_id', 'f.scheduled_at'])
            .where('f.scheduled_at', '<', input.firedBefore.getTime())
            .where(({ exists, selectFrom: inner }) =>
              exists(
                inner('schedule_fires as later')
                  .select('later.scheduled_at')
                  .whereRef('later.workflow_id', '=', 'f.workflow_id')
                  .whereRef('later.node_id', '=', 'f.node_id')
                  .whereRef('later.scheduled_at', '>', 'f.scheduled_at'),
              ),
            )
            .orderBy('f.scheduled_at')
            .limit(limit)
            .$asTuple('version_id', 'node_id', 'scheduled_at'),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
