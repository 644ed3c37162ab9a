import type { Kysely } from 'kysely';
import type { TriggerLinkRepository } from '../store.js';
import type { TriggerLinkRecord } from '../workflow-records.js';
import type { Database } from './database.js';
import { toTriggerLink } from './workflow-row-mapping.js';

export class SqlTriggerLinkRepository implements TriggerLinkRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(workspaceId: string, workflowId: string): Promise<readonly TriggerLinkRecord[]> {
    const rows = await this.db
      .selectFrom('workflow_triggers')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('workspace_id', '=', workspaceId)
      .orderBy('node_id')
      .execute();
    return rows.map(toTriggerLink);
  }

  async setEnabled(
    workspaceId: string,
    workflowId: string,
    nodeId: string,
    enabled: boolean,
  ): Promise<TriggerLinkRecord | undefined> {
    const row = await this.db
      .updateTable('workflow_triggers')
      .set({ enabled: enabled ? 1 : 0 })
      .where('workflow_id', '=', workflowId)
      .where('node_id', '=', nodeId)
      .where('workspace_id', '=', workspaceId)
      .returningAll()
      .executeTakeFirst();
    return row && toTriggerLink(row);
  }

  async findBySubscriptions(subscriptionIds: readonly string[]): Promise<readonly TriggerLinkRecord[]> {
    if (subscriptionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('workflow_triggers')
      .selectAll()
      .where('subscription_id', 'in', [...new Set(subscriptionIds)])
      .where('node_type', '=', 'trigger-plugin')
      .orderBy('workflow_id')
      .orderBy('node_id')
      .execute();
    return rows.map(toTriggerLink);
  }

  async countWorkflowsBySubscription(
    workspaceId: string,
    subscriptionIds: readonly string[],
  ): Promise<ReadonlyMap<string, number>> {
    const counts = new Map(subscriptionIds.map((id) => [id, 0]));
    if (subscriptionIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('workflow_triggers')
      .select((eb) => ['subscription_id', eb.fn.count<number>('workflow_id').distinct().as('workflows')])
      .where('workspace_id', '=', workspaceId)
      .where('subscription_id', 'in', [...new Set(subscriptionIds)])
      .where('enabled', '=', 1)
      .groupBy('subscription_id')
      .execute();
    for (const row of rows) {
      if (row.subscription_id !== null) counts.set(row.subscription_id, Number(row.workflows));
    }
    return counts;
  }
}
