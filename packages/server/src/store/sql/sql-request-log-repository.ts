import type { Kysely } from 'kysely';
import type { RequestLogRecord } from '../records.js';
import type { RequestLogQuery, RequestLogRepository } from '../store.js';
import type { EventDispatch } from '../workflow-records.js';
import type { Database } from './database.js';
import { parseJson, toRequestLog } from './row-mapping.js';

export class SqlRequestLogRepository implements RequestLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(query: RequestLogQuery): Promise<readonly RequestLogRecord[]> {
    let select = this.db
      .selectFrom('request_logs')
      .selectAll()
      .where('endpoint_id', '=', query.endpointId)
      .where('workspace_id', '=', query.workspaceId);
    if (query.outcome !== undefined) select = select.where('outcome', '=', query.outcome);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(Math.trunc(query.limit), 1), 200))
      .execute();
    return rows.map(toRequestLog);
  }

  async get(workspaceId: string, endpointId: string, logId: string): Promise<RequestLogRecord | undefined> {
    const row = await this.db
      .selectFrom('request_logs')
      .selectAll()
      .where('id', '=', logId)
      .where('endpoint_id', '=', endpointId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toRequestLog(row);
  }

  async listPending(limit: number): Promise<readonly RequestLogRecord[]> {
    const rows = await this.db
      .selectFrom('request_logs')
      .selectAll()
      .where('dispatch_state', '=', 'pending')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRequestLog);
  }

  async markDispatched(logId: string, runs: readonly string[], now: Date): Promise<void> {
    await this.db
      .updateTable('request_logs')
      .set({ dispatch_state: 'done', dispatched_at: now.getTime(), runs: JSON.stringify(runs) })
      .where('id', '=', logId)
      .execute();
  }

  async dispatchResults(
    workspaceId: string,
    logIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly EventDispatch[]>> {
    const results = new Map<string, readonly EventDispatch[]>();
    if (logIds.length === 0) return results;
    const rows = await this.db
      .selectFrom('request_logs')
      .select(['id', 'dispatch_results'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', [...new Set(logIds)])
      .where('dispatch_results', 'is not', null)
      .execute();
    for (const row of rows) {
      if (row.dispatch_results) results.set(row.id, parseJson<EventDispatch[]>(row.dispatch_results));
    }
    return results;
  }

  async prune(input: { readonly maxPerEndpoint: number; readonly olderThan: Date }): Promise<number> {
    // Rank every row within its endpoint, newest first; pending rows count towards the limit but
    // are never deleted, so the inbox loses nothing.
    const overflow = this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('request_logs')
          .select((inner) => [
            'id',
            inner.fn
              .agg<number>('row_number')
              .over((over) => over.partitionBy('endpoint_id').orderBy('id', 'desc'))
              .as('rank'),
          ])
          .as('ranked'),
      )
      .select('ranked.id')
      .where('ranked.rank', '>', input.maxPerEndpoint);
    const result = await this.db
      .deleteFrom('request_logs')
      .where('dispatch_state', '!=', 'pending')
      .where((eb) => eb.or([eb('received_at', '<', input.olderThan.getTime()), eb('id', 'in', overflow)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
