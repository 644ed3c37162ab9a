import type { Kysely } from 'kysely';
import type { DispatchCommit, DispatchedLog, EventDispatch, NewRunRecord } from '../workflow-records.js';
import type { Database } from './database.js';
import { fromNewRun } from './workflow-row-mapping.js';

/** Rows per INSERT: well under SQLite's limit of bound parameters. */
const INSERT_CHUNK = 100;

function runKey(
  logId: string | null,
  eventIndex: number | null,
  versionId: string | null,
  nodeId: string,
): string {
  return JSON.stringify([logId, eventIndex === null ? null : Number(eventIndex), versionId, nodeId]);
}

/**
 * The body of RunRepository.commitDispatch, inside the caller's write transaction. Runs that an
 * earlier, interrupted attempt created already are kept (the unique index turns the second
 * insert into nothing), and the logs point at them instead of the planned ids.
 */
export async function commitDispatch(
  trx: Kysely<Database>,
  input: {
    readonly runs: readonly NewRunRecord[];
    readonly logs: readonly DispatchedLog[];
    readonly now: Date;
  },
): Promise<DispatchCommit> {
  for (let start = 0; start < input.runs.length; start += INSERT_CHUNK) {
    const chunk = input.runs.slice(start, start + INSERT_CHUNK);
    await trx
      .insertInto('runs')
      .values(chunk.map(fromNewRun))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
  const logIds = [...new Set(input.runs.flatMap((run) => (run.deliveryLogId ? [run.deliveryLogId] : [])))];
  const existing =
    logIds.length === 0
      ? []
      : await trx
          .selectFrom('runs')
          .select(['id', 'delivery_log_id', 'event_index', 'version_id', 'trigger_node_id'])
          .where('delivery_log_id', 'in', logIds)
          .execute();
  const byKey = new Map(
    existing.map((row) => [
      runKey(row.delivery_log_id, row.event_index, row.version_id, row.trigger_node_id),
      row.id,
    ]),
  );
  const runIds = new Map<string, string>();
  const created: string[] = [];
  for (const run of input.runs) {
    const actual =
      byKey.get(runKey(run.deliveryLogId, run.eventIndex, run.versionId, run.trigger.nodeId)) ?? run.id;
    runIds.set(run.id, actual);
    if (actual === run.id) created.push(run.id);
  }
  // Deliveries that started nothing mostly share their results (the same event, no listener):
  // one statement marks each such group instead of one per delivery.
  const unstarted = new Map<string, string[]>();
  for (const log of input.logs) {
    const results = log.results.map((event) => withActualRunIds(event, runIds));
    const runs = [
      ...new Set(
        results.flatMap((event) =>
          event.triggers.flatMap((trigger) => (trigger.outcome === 'ran' ? [trigger.runId] : [])),
        ),
      ),
    ];
    const json = JSON.stringify(results);
    if (runs.length === 0) {
      const group = unstarted.get(json);
      if (group === undefined) unstarted.set(json, [log.logId]);
      else group.push(log.logId);
      continue;
    }
    await markDone(trx, [log.logId], { runs: JSON.stringify(runs), results: json, now: input.now });
  }
  for (const [json, logIds] of unstarted) {
    for (let start = 0; start < logIds.length; start += INSERT_CHUNK) {
      const ids = logIds.slice(start, start + INSERT_CHUNK);
      await markDone(trx, ids, { runs: '[]', results: json, now: input.now });
    }
  }
  return { runIds, created };
}

async function markDone(
  trx: Kysely<Database>,
  logIds: readonly string[],
  set: { readonly runs: string; readonly results: string; readonly now: Date },
): Promise<void> {
  await trx
    .updateTable('request_logs')
    .set({
      dispatch_state: 'done',
      dispatched_at: set.now.getTime(),
      runs: set.runs,
      dispatch_results: set.results,
    })
    .where('id', 'in', logIds)
    .execute();
}

function withActualRunIds(event: EventDispatch, runIds: ReadonlyMap<string, string>): EventDispatch {
  return {
    ...event,
    triggers: event.triggers.map((trigger) =>
      trigger.outcome === 'ran' ? { ...trigger, runId: runIds.get(trigger.runId) ?? trigger.runId } : trigger,
    ),
  };
}
