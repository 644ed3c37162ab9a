import type { Kysely } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { MemberRecord, Principal, WorkspaceRecord } from '../records.js';
import type { NewWorkspaceWithOwner, WorkspaceBootstrap, WorkspaceRepository } from '../store.js';
import type { Database } from './database.js';
import { toMember, toWorkspace } from './row-mapping.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';

/** A token's last use is written at most this often, so API calls are not one write each. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface NewMember {
  readonly workspaceId: string;
  readonly member: { readonly id: string; readonly name: string; readonly role: Role };
  readonly token: { readonly id: string; readonly hash: string; readonly label: string };
  readonly now: Date;
}

export class SqlWorkspaceRepository implements WorkspaceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: SqlDialectHooks,
  ) {}

  isEmpty(): Promise<boolean> {
    return hasNoWorkspace(this.db);
  }

  createWithOwner(input: NewWorkspaceWithOwner) {
    return this.hooks.writeTransaction(this.db, (trx) => insertWorkspaceWithOwner(trx, input));
  }

  bootstrapOnce(input: NewWorkspaceWithOwner): Promise<WorkspaceBootstrap> {
    return this.hooks.writeTransaction(this.db, async (trx): Promise<WorkspaceBootstrap> => {
      await this.hooks.lockWorkspaceBootstrap(trx);
      // Checked after the lock: on PostgreSQL each statement of a read-committed transaction
      // sees what committed before it began, so a process that waited sees the winner's workspace.
      if (!(await hasNoWorkspace(trx))) return { created: false };
      return { created: true, ...(await insertWorkspaceWithOwner(trx, input)) };
    });
  }

  async get(workspaceId: string): Promise<WorkspaceRecord | undefined> {
    const row = await this.db
      .selectFrom('workspaces')
      .selectAll()
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    return row && toWorkspace(row);
  }

  addMember(input: NewMember): Promise<MemberRecord> {
    return this.hooks.writeTransaction(this.db, (trx) => insertMember(trx, input));
  }

  async listMembers(workspaceId: string): Promise<readonly MemberRecord[]> {
    const rows = await this.db
      .selectFrom('members')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toMember);
  }

  async authenticate(tokenHash: string, now: Date): Promise<Principal | undefined> {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('members as m', 'm.id', 't.member_id')
      .select([
        't.id as tokenId',
        't.member_id as memberId',
        'm.workspace_id as workspaceId',
        'm.role',
        't.last_used_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const nowMs = now.getTime();
    const stale = nowMs - LAST_USED_RESOLUTION_MS;
    if (row.last_used_at === null || Number(row.last_used_at) <= stale) {
      // The condition is repeated in SQL so concurrent requests with one token write once.
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: nowMs })
        .where('id', '=', row.tokenId)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', stale)]))
        .execute();
    }
    return {
      tokenId: row.tokenId,
      memberId: row.memberId,
      workspaceId: row.workspaceId,
      role: row.role as Role,
    };
  }
}

async function hasNoWorkspace(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

async function insertWorkspaceWithOwner(
  trx: Kysely<Database>,
  input: NewWorkspaceWithOwner,
): Promise<{ readonly workspace: WorkspaceRecord; readonly owner: MemberRecord }> {
  const workspace: WorkspaceRecord = { ...input.workspace, createdAt: input.now };
  await trx
    .insertInto('workspaces')
    .values({ id: workspace.id, name: workspace.name, created_at: input.now.getTime() })
    .execute();
  const owner = await insertMember(trx, {
    workspaceId: workspace.id,
    member: { ...input.owner, role: 'owner' },
    token: input.token,
    now: input.now,
  });
  return { workspace, owner };
}

async function insertMember(trx: Kysely<Database>, input: NewMember): Promise<MemberRecord> {
  const createdAt = input.now.getTime();
  await trx
    .insertInto('members')
    .values({
      id: input.member.id,
      workspace_id: input.workspaceId,
      name: input.member.name,
      role: input.member.role,
      created_at: createdAt,
    })
    .execute();
  await trx
    .insertInto('api_tokens')
    .values({
      id: input.token.id,
      workspace_id: input.workspaceId,
      member_id: input.member.id,
      token_hash: input.token.hash,
      label: input.token.label,
      created_at: createdAt,
      last_used_at: null,
    })
    .execute();
  return { ...input.member, workspaceId: input.workspaceId, createdAt: input.now };
}
