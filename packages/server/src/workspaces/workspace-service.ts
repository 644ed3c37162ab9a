import type { Clock } from '@tripline/sdk';
import { NotFoundError } from '../domain/errors.js';
import { newApiToken, newId } from '../domain/ids.js';
import type { MemberRecord, Principal, WorkspaceRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { hashToken } from './hash-token.js';
import { normalizeWorkspaceName } from './workspace-name.js';

export const DEFAULT_WORKSPACE_NAME = 'Default';
export const DEFAULT_OWNER_NAME = 'Owner';

export interface WorkspaceServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** TRIPLINE_BOOTSTRAP_TOKEN: the first owner's token, instead of a generated one. */
  readonly bootstrapToken: string | undefined;
}

export type BootstrapResult =
  | { readonly created: false }
  | {
      readonly created: true;
      readonly workspace: WorkspaceRecord;
      readonly owner: MemberRecord;
      /** The owner's token to show once; undefined when it came from the configuration. */
      readonly generatedToken: string | undefined;
    };

/** A workspace the caller just created, with the token that acts in it (shown only now). */
export interface CreatedWorkspace {
  readonly workspace: WorkspaceRecord;
  readonly owner: MemberRecord;
  readonly token: string;
}

/** The caller's own workspace and membership. */
export interface WorkspaceMembership {
  readonly workspace: WorkspaceRecord;
  readonly member: MemberRecord;
}

/** Workspaces, their owners and API tokens. Tokens leave this service once, in clear; the store keeps hashes. */
export class WorkspaceService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #bootstrapToken: string | undefined;

  constructor(options: WorkspaceServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#bootstrapToken = options.bootstrapToken;
  }

  /**
   * On the first start (no workspace yet) creates the "Default" workspace and its owner, whose
   * token is the configured bootstrap token or a new one. Later starts change nothing, and so do
   * all but one of several processes starting together on an empty database: the store checks
   * and creates atomically (with one configured token, every process's token is the winner's).
   */
  async bootstrap(): Promise<BootstrapResult> {
    const token = this.#bootstrapToken ?? newApiToken();
    const result = await this.#store.workspaces.bootstrapOnce({
      workspace: { id: newId(), name: DEFAULT_WORKSPACE_NAME },
      owner: { id: newId(), name: DEFAULT_OWNER_NAME },
      token: { id: newId(), hash: hashToken(token), label: 'bootstrap' },
      now: this.#now(),
    });
    if (!result.created) return { created: false };
    return {
      created: true,
      workspace: result.workspace,
      owner: result.owner,
      generatedToken: this.#bootstrapToken === undefined ? token : undefined,
    };
  }

  /** A new workspace owned by the caller (as a new member of the same name) and a token acting in it. */
  async createWorkspace(principal: Principal, rawName: string): Promise<CreatedWorkspace> {
    const name = normalizeWorkspaceName(rawName);
    const { member } = await this.membership(principal);
    const token = newApiToken();
    const { workspace, owner } = await this.#store.workspaces.createWithOwner({
      workspace: { id: newId(), name },
      owner: { id: newId(), name: member.name },
      token: { id: newId(), hash: hashToken(token), label: `created by member ${member.id}` },
      now: this.#now(),
    });
    return { workspace, owner, token };
  }

  /** The workspace and member a token acts as. */
  async membership(principal: Principal): Promise<WorkspaceMembership> {
    const [workspace, members] = await Promise.all([
      this.#store.workspaces.get(principal.workspaceId),
      this.#store.workspaces.listMembers(principal.workspaceId),
    ]);
    const member = members.find((candidate) => candidate.id === principal.memberId);
    if (!workspace || !member) throw new NotFoundError('workspace', principal.workspaceId);
    return { workspace, member };
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }
}
