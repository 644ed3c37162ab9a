import type { Kysely, Updateable } from 'kysely';
import type { SealedValueRepository } from '../store.js';
import type { Database, SubscriptionBuildersTable, SubscriptionsTable } from './database.js';
import { SealedValueRewriter } from './sealed-value-rewriter.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';

/** Rows read at a time, so re-keying a large database does not hold every row in memory. */
const PAGE_SIZE = 500;

type Transaction = Kysely<Database>;

/**
 * Re-keying at rest. Every table that holds sealed values is rewritten in one write transaction:
 * a reseal that throws rolls everything back, so no value is ever left under a key that is not
 * the old one or the new one for all. On SQLite the transaction holds the write lock throughout,
 * so deliveries wait for it: a re-key is an administrative step, not a hot path. On PostgreSQL,
 * rows another process writes meanwhile may keep the old key: re-key with the servers stopped.
 */
export class SqlSealedValueRepository implements SealedValueRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: SqlDialectHooks,
  ) {}

  rewriteAll(reseal: (sealed: string) => string): Promise<number> {
    return this.hooks.writeTransaction(this.db, async (trx) => {
      const rewriter = new SealedValueRewriter(reseal);
      await rewriteEndpoints(trx, 'subscription_builders', rewriter);
      await rewriteEndpoints(trx, 'subscriptions', rewriter);
      await rewriteOAuthClients(trx, rewriter);
      await rewriteOAuthStates(trx, rewriter);
      await rewriteOAuthConfirmations(trx, rewriter);
      await rewriteCredentials(trx, rewriter);
      return rewriter.count;
    });
  }
}

/** Builders and subscriptions: secrets inside the parameter and property JSON, sealed credentials. */
function rewriteEndpoints(
  trx: Transaction,
  table: 'subscription_builders' | 'subscriptions',
  rewriter: SealedValueRewriter,
): Promise<void> {
  return forEachRowById(
    (after) =>
      trx
        .selectFrom(table)
        .select(['id', 'parameters', 'properties', 'credentials'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE_SIZE)
        .execute(),
    async (row) => {
      const set: Updateable<SubscriptionBuildersTable & SubscriptionsTable> = {};
      const parameters = rewriter.json(row.parameters);
      const properties = rewriter.json(row.properties);
      const credentials = rewriter.text(row.credentials);
      if (parameters !== undefined) set.parameters = parameters;
      if (properties !== undefined) set.properties = properties;
      if (credentials !== undefined) set.credentials = credentials;
      if (Object.keys(set).length === 0) return;
      await trx.updateTable(table).set(set).where('id', '=', row.id).execute();
    },
  );
}

/** At most one client per workspace and integration: few enough to read at once. */
async function rewriteOAuthClients(trx: Transaction, rewriter: SealedValueRewriter): Promise<void> {
  const rows = await trx
    .selectFrom('oauth_clients')
    .select(['workspace_id', 'integration', 'client'])
    .execute();
  for (const row of rows) {
    const client = rewriter.text(row.client);
    if (client === undefined) continue;
    await trx
      .updateTable('oauth_clients')
      .set({ client })
      .where('workspace_id', '=', row.workspace_id)
      .where('integration', '=', row.integration)
      .execute();
  }
}

function rewriteOAuthStates(trx: Transaction, rewriter: SealedValueRewriter): Promise<void> {
  return forEachRowById(
    (after) =>
      trx
        .selectFrom('oauth_states')
        .select(['id', 'code_verifier'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE_SIZE)
        .execute(),
    async (row) => {
      const codeVerifier = rewriter.text(row.code_verifier);
      if (codeVerifier === undefined) return;
      await trx
        .updateTable('oauth_states')
        .set({ code_verifier: codeVerifier })
        .where('id', '=', row.id)
        .execute();
    },
  );
}

function rewriteOAuthConfirmations(trx: Transaction, rewriter: SealedValueRewriter): Promise<void> {
  return forEachRowById(
    (after) =>
      trx
        .selectFrom('oauth_confirmations')
        .select(['id', 'tokens'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE_SIZE)
        .execute(),
    async (row) => {
      const tokens = rewriter.text(row.tokens);
      if (tokens === undefined) return;
      await trx.updateTable('oauth_confirmations').set({ tokens }).where('id', '=', row.id).execute();
    },
  );
}

function rewriteCredentials(trx: Transaction, rewriter: SealedValueRewriter): Promise<void> {
  return forEachRowById(
    (after) =>
      trx
        .selectFrom('credentials')
        .select(['id', 'credentials'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE_SIZE)
        .execute(),
    async (row) => {
      const credentials = rewriter.text(row.credentials);
      if (credentials === undefined) return;
      await trx.updateTable('credentials').set({ credentials }).where('id', '=', row.id).execute();
    },
  );
}

/** Visits every row in id order, a page at a time (`readPage` answers at most PAGE_SIZE rows after `after`). */
async function forEachRowById<Row extends { readonly id: string }>(
  readPage: (after: string) => Promise<readonly Row[]>,
  visit: (row: Row) => Promise<void>,
): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await readPage(after);
    for (const row of rows) await visit(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE_SIZE) return;
    after = last.id;
  }
}
