import {
  type FakePermissionLevel,
  type FakeToken,
  type FakeTokenKind,
  isLive,
  tokenValue,
} from './fake-github-tokens.js';

/** A user's role on a repository; only `admin` may manage webhooks. */
export type FakeRepositoryPermission = 'admin' | 'write' | 'read';

/** A GitHub user; tokens act as one. */
export interface FakeUser {
  readonly id: number;
  readonly login: string;
}

/** A repository webhook as GitHub stores it. */
export interface FakeHook {
  readonly id: number;
  url: string;
  contentType: 'json' | 'form';
  insecureSsl: '0' | '1';
  /** GitHub keeps it and never shows it again; the fake shows it to tests. */
  secret: string | undefined;
  events: string[];
  active: boolean;
  readonly createdAt: string;
  updatedAt: string;
  lastResponse: { code: number | null; status: string; message: string | null };
}

/** A repository with who may do what on it and its webhooks. */
export interface FakeRepository {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  readonly private: boolean;
  readonly access: Map<string, FakeRepositoryPermission>;
  readonly hooks: Map<number, FakeHook>;
}

/** The users, tokens, repositories and webhooks of a fake GitHub, with ids counted as GitHub does. */
export class FakeGitHubState {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, FakeToken>();
  readonly repositories = new Map<string, FakeRepository>();
  private nextId = 1000;

  constructor(private readonly now: () => number) {}

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  addUser(login: string): FakeUser {
    const existing = this.users.get(login.toLowerCase());
    if (existing) return existing;
    const user = { id: this.newId(), login };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  user(login: string): FakeUser {
    const user = this.users.get(login.toLowerCase());
    if (!user) throw new Error(`fake GitHub has no user ${login}; add it with addUser first`);
    return user;
  }

  issueToken(input: {
    readonly login: string;
    readonly kind: FakeTokenKind;
    readonly scopes?: readonly string[];
    readonly webhooks?: FakePermissionLevel;
    readonly expiresAt?: number;
  }): FakeToken {
    this.user(input.login);
    const token: FakeToken = { ...input, value: tokenValue(input.kind), revoked: false };
    this.tokens.set(token.value, token);
    return token;
  }

  /** The live token with this value, or undefined for an unknown, revoked or expired one. */
  liveToken(value: string | undefined): FakeToken | undefined {
    const token = value === undefined ? undefined : this.tokens.get(value);
    return token && isLive(token, this.now()) ? token : undefined;
  }

  addRepository(input: {
    readonly fullName: string;
    readonly private: boolean;
    readonly access: readonly (readonly [string, FakeRepositoryPermission])[];
  }): FakeRepository {
    const [owner, name, ...rest] = input.fullName.split('/');
    if (!owner || !name || rest.length > 0)
      throw new Error(`repository must be owner/name, got ${input.fullName}`);
    if (this.repositories.has(input.fullName.toLowerCase()))
      throw new Error(`${input.fullName} exists already`);
    const repository: FakeRepository = {
      id: this.newId(),
      owner,
      name,
      fullName: input.fullName,
      private: input.private,
      access: new Map(input.access.map(([login, permission]) => [login.toLowerCase(), permission])),
      hooks: new Map(),
    };
    this.repositories.set(input.fullName.toLowerCase(), repository);
    return repository;
  }

  /** GitHub matches owner and name without regard to case. */
  repository(fullName: string): FakeRepository | undefined {
    return this.repositories.get(fullName.toLowerCase());
  }

  requireRepository(fullName: string): FakeRepository {
    const repository = this.repository(fullName);
    if (!repository)
      throw new Error(`fake GitHub has no repository ${fullName}; add it with addRepository first`);
    return repository;
  }

  requireHook(fullName: string, id: number): FakeHook {
    const hook = this.requireRepository(fullName).hooks.get(id);
    if (!hook) throw new Error(`${fullName} has no webhook ${id}`);
    return hook;
  }

  /** The user's permission on a repository, or undefined without access. */
  permission(repository: FakeRepository, login: string): FakeRepositoryPermission | undefined {
    if (repository.owner.toLowerCase() === login.toLowerCase()) return 'admin';
    return repository.access.get(login.toLowerCase());
  }

  /** Whether the owner is an organization: any owner that is not a user. */
  ownerIsOrganization(repository: FakeRepository): boolean {
    return !this.users.has(repository.owner.toLowerCase());
  }

  timestamp(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
