import type { Role } from '../../domain/roles.js';
import type { MemberRecord, Principal, WorkspaceRecord } from '../records.js';

/** A workspace to create with its owner member and that member's first token. */
export interface NewWorkspaceWithOwner {
  readonly workspace: { readonly id: string; readonly name: string };
  readonly owner: { readonly id: string; readonly name: string };
  readonly token: { readonly id: string; readonly hash: string; readonly label: string };
  readonly now: Date;
}

/** What `bootstrapOnce` did: created the first workspace, or found one already there. */
export type WorkspaceBootstrap =
  | { readonly created: true; readonly workspace: WorkspaceRecord; readonly owner: MemberRecord }
  | { readonly created: false };

/** Workspaces, their members and the members' API tokens. */
export interface WorkspaceRepository {
  /** True when no workspace exists yet (first start). */
  isEmpty(): Promise<boolean>;
  /** Creates a workspace, its owner member and that member's token in one transaction. */
  createWithOwner(
    input: NewWorkspaceWithOwner,
  ): Promise<{ readonly workspace: WorkspaceRecord; readonly owner: MemberRecord }>;
  /**
   * The first start's workspace: `createWithOwner`, but only while no workspace exists. The check
   * and the writes share one transaction under a lock, so processes starting together on an empty
   * database create one workspace between them; the others answer `created: false`.
   */
  bootstrapOnce(input: NewWorkspaceWithOwner): Promise<WorkspaceBootstrap>;
  get(workspaceId: string): Promise<WorkspaceRecord | undefined>;
  /** Workspaces the member's person can see; for now, the token's own. */
  addMember(input: {
    readonly workspaceId: string;
    readonly member: { readonly id: string; readonly name: string; readonly role: Role };
    readonly token: { readonly id: string; readonly hash: string; readonly label: string };
    readonly now: Date;
  }): Promise<MemberRecord>;
  listMembers(workspaceId: string): Promise<readonly MemberRecord[]>;
  /** Looks a token up by its SHA-256 hash and records its use. */
  authenticate(tokenHash: string, now: Date): Promise<Principal | undefined>;
}
