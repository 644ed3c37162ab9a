import { type Kysely, sql } from 'kysely';
import type { DeliveryWriter } from '../store.js';
import type { Database } from './database.js';
import { SqlBuilderRepository } from './sql-builder-repository.js';
import { SqlCredentialRepository } from './sql-credential-repository.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';
import { SqlOAuthClientRepository } from './sql-oauth-client-repository.js';
import { SqlOAuthConfirmationRepository } from './sql-oauth-confirmation-repository.js';
import { SqlOAuthStateRepository } from './sql-oauth-state-repository.js';
import { SqlRequestLogRepository } from './sql-request-log-repository.js';
import { SqlRunRepository } from './sql-run-repository.js';
import { SqlScheduleRepository } from './sql-schedule-repository.js';
import { SqlSealedValueRepository } from './sql-sealed-value-repository.js';
import { SqlSubscriptionRepository } from './sql-subscription-repository.js';
import { SqlTriggerLinkRepository } from './sql-trigger-link-repository.js';
import { SqlWorkflowRepository } from './sql-workflow-repository.js';
import { SqlWorkspaceRepository } from './sql-workspace-repository.js';

/**
 * What both SQL adapters share: the repositories over one Kysely instance, `ping` and `close`.
 * Each adapter owns its connection, its dialect hooks, its migrations and its delivery writer.
 */
export abstract class SqlStoreBase {
  readonly workspaces: SqlWorkspaceRepository;
  readonly subscriptions: SqlSubscriptionRepository;
  readonly builders: SqlBuilderRepository;
  readonly requestLogs: SqlRequestLogRepository;
  readonly workflows: SqlWorkflowRepository;
  readonly triggerLinks: SqlTriggerLinkRepository;
  readonly runs: SqlRunRepository;
  readonly schedules: SqlScheduleRepository;
  readonly oauthClients: SqlOAuthClientRepository;
  readonly oauthStates: SqlOAuthStateRepository;
  readonly oauthConfirmations: SqlOAuthConfirmationRepository;
  readonly credentials: SqlCredentialRepository;
  readonly sealedValues: SqlSealedValueRepository;
  abstract readonly deliveries: DeliveryWriter;
  #closing: Promise<void> | undefined;

  protected constructor(
    protected readonly db: Kysely<Database>,
    hooks: SqlDialectHooks,
    /** Whether run claims may skip rows another process has locked (PostgreSQL). */
    options: { readonly skipLocked: boolean },
  ) {
    this.workspaces = new SqlWorkspaceRepository(db, hooks);
    this.subscriptions = new SqlSubscriptionRepository(db, hooks);
    this.builders = new SqlBuilderRepository(db);
    this.requestLogs = new SqlRequestLogRepository(db);
    this.workflows = new SqlWorkflowRepository(db, hooks);
    this.triggerLinks = new SqlTriggerLinkRepository(db);
    this.runs = new SqlRunRepository(db, hooks, options);
    this.schedules = new SqlScheduleRepository(db, hooks);
    this.oauthClients = new SqlOAuthClientRepository(db);
    this.oauthStates = new SqlOAuthStateRepository(db);
    this.oauthConfirmations = new SqlOAuthConfirmationRepository(db);
    this.credentials = new SqlCredentialRepository(db);
    this.sealedValues = new SqlSealedValueRepository(db, hooks);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Flushes the delivery writer, then closes the connection; safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        await this.deliveries.close();
      } finally {
        await this.db.destroy();
      }
    })();
    return this.#closing;
  }
}
