import { randomBytes } from 'node:crypto';

/** How a token was made; GitHub tells them apart by prefix and by the headers it answers with. */
export type FakeTokenKind = 'classic' | 'fine-grained' | 'oauth' | 'user-to-server';

/** A fine-grained permission level, as `X-Accepted-GitHub-Permissions` names them. */
export type FakePermissionLevel = 'none' | 'read' | 'write';

/** A token the fake accepts. */
export interface FakeToken {
  readonly value: string;
  readonly login: string;
  readonly kind: FakeTokenKind;
  /** Classic and OAuth app tokens: their scopes, sent back in `X-OAuth-Scopes`. */
  readonly scopes?: readonly string[];
  /** Fine-grained and GitHub App user tokens: the repository Webhooks permission. */
  readonly webhooks?: FakePermissionLevel;
  /** Epoch milliseconds; absent for tokens that don't expire. */
  readonly expiresAt?: number;
  revoked: boolean;
}

const PREFIX: Readonly<Record<FakeTokenKind, string>> = {
  classic: 'ghp_',
  'fine-grained': 'github_pat_',
  oauth: 'gho_',
  'user-to-server': 'ghu_',
};

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits, the alphabet of GitHub's tokens. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += BASE62[byte % BASE62.length];
  return text;
}

/** A token value shaped like GitHub's: `ghp_` + 36 characters, `github_pat_` + 82, and so on. */
export function tokenValue(kind: FakeTokenKind | 'refresh'): string {
  if (kind === 'refresh') return `ghr_${randomBase62(76)}`;
  return `${PREFIX[kind]}${randomBase62(kind === 'fine-grained' ? 82 : 36)}`;
}

/** Whether a token still works at `now`. */
export function isLive(token: FakeToken, now: number): boolean {
  return !token.revoked && (token.expiresAt === undefined || token.expiresAt > now);
}

/** The token in an `Authorization` header: `Bearer X` or GitHub's older `token X`. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
