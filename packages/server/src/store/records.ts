import type { ParameterValues, SubscriptionMethod } from '@tripline/sdk';
import type { Role } from '../domain/roles.js';

/**
 * What the store holds, as the rest of the service sees it. Times are Dates; JSON columns are
 * parsed; secret values inside `properties` and the whole `credentials` are sealed strings
 * (see crypto/secret-box.ts) that only the service layer opens.
 */
export interface WorkspaceRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

export interface MemberRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: Date;
}

/** Who a bearer token acts as. */
export interface Principal {
  readonly tokenId: string;
  readonly memberId: string;
  readonly workspaceId: string;
  readonly role: Role;
}

export interface BuilderRecord {
  /** Also the endpoint id, and the subscription's id once built. */
  readonly id: string;
  readonly workspaceId: string;
  readonly integration: string;
  readonly method: SubscriptionMethod;
  readonly name: string | null;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  /** Sealed JSON of the credentials, or null. */
  readonly credentials: string | null;
  /** OAuth: the workspace's saved credential this builder will use (see CredentialRecord), or null. */
  readonly credentialId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /**
   * When an automatic build began creating the external webhook, or null. Once set, the webhook may
   * exist without a subscription that owns it, so the builder outlives its expiry until the
   * abandoned-build cleanup has removed it.
   */
  readonly buildStartedAt: Date | null;
}

export const SUBSCRIPTION_STATUSES = ['active', 'unauthorized', 'error'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface SubscriptionRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly integration: string;
  readonly name: string;
  readonly method: SubscriptionMethod;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly credentials: string | null;
  /** OAuth: the saved credential whose tokens this subscription uses; `credentials` is then null. */
  readonly credentialId: string | null;
  readonly status: SubscriptionStatus;
  readonly statusReason: string | null;
  /** When the external subscription lapses (integration-defined), or null. */
  readonly expiresAt: Date | null;
  /**
   * Automatic subscriptions: when the self-healing check looks at the external webhook next.
   * Null for manual ones, which have nothing external to check.
   */
  readonly nextCheckAt: Date | null;
  /** Checks that failed in a row; drives the backoff, reset by a good check. */
  readonly checkFailures: number;
  readonly lastCheckedAt: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A workspace's OAuth client for one integration (the app registered with the provider). The
 * instance-wide one from configuration is used when a workspace has none or disabled its own.
 */
export interface OAuthClientRecord {
  readonly workspaceId: string;
  readonly integration: string;
  /** Sealed JSON of the client fields (e.g. client_id, client_secret). */
  readonly client: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Where the OAuth client of a flow came from. */
export type OAuthClientSource = 'workspace' | 'system';

/**
 * One OAuth authorization in flight. The `state` sent to the provider is random; only its SHA-256
 * is stored, so a database read does not give a usable state. Consumed once.
 */
export interface OAuthStateRecord {
  /** SHA-256 hex of the state value. */
  readonly id: string;
  readonly workspaceId: string;
  readonly builderId: string;
  readonly memberId: string;
  readonly integration: string;
  readonly clientSource: OAuthClientSource;
  /** Sealed PKCE code verifier, or null when the provider takes no PKCE. */
  readonly codeVerifier: string | null;
  readonly redirectUri: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * An authorization the provider finished, waiting for the member who started it to confirm it
 * from their own session: only then do the tokens become a credential of the workspace, so an
 * authorization URL sent to someone else cannot put their tokens in the sender's workspace. The
 * confirmation value sent to the console is random; only its SHA-256 is stored. Consumed once.
 */
export interface OAuthConfirmationRecord {
  /** SHA-256 hex of the confirmation value. */
  readonly id: string;
  readonly workspaceId: string;
  readonly builderId: string;
  /** The member who started the authorization: the only one who may confirm it. */
  readonly memberId: string;
  readonly integration: string;
  readonly clientSource: OAuthClientSource;
  /** Sealed JSON of the tokens the provider issued (access_token, refresh_token, ...). */
  readonly tokens: string;
  /** When the access token expires, or null for tokens that don't. */
  readonly tokensExpireAt: Date | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export const CREDENTIAL_STATUSES = ['active', 'unauthorized'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/**
 * Credentials a workspace saved once (OAuth tokens) and reuses for later subscriptions of the same
 * integration. Refreshing them refreshes every subscription that uses them.
 */
export interface CredentialRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly integration: string;
  readonly method: 'oauth';
  /** Sealed JSON (access_token, refresh_token, ...). */
  readonly credentials: string;
  /** When the access token expires, or null for tokens that don't. */
  readonly expiresAt: Date | null;
  readonly clientSource: OAuthClientSource;
  readonly status: CredentialStatus;
  readonly statusReason: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Refreshes that failed in a row for reasons other than the credentials (provider down). */
  readonly refreshFailures: number;
  /** After such failures, the refresher leaves the credential alone until then; null otherwise. */
  readonly nextRefreshAt: Date | null;
}

/**
 * What became of one request at an endpoint.
 * - accepted: verified and read; its events wait in the inbox for the dispatcher
 * - no_events: verified and read, but it carries nothing to start (GitHub's ping)
 * - duplicate: a delivery id this endpoint accepted before; answered as then, starts nothing
 * - unauthorized: missing or wrong signature (401)
 * - unreadable: a body or content type the integration can't read (400/415)
 * - too_large: over the body size limit (413); the body is not kept
 */
export const REQUEST_OUTCOMES = [
  'accepted',
  'no_events',
  'duplicate',
  'unauthorized',
  'unreadable',
  'too_large',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/**
 * The dispatcher's view of a log row: `pending` rows are the durable inbox; `done` rows were
 * dispatched; `none` rows never carry anything to dispatch.
 */
export type DispatchState = 'pending' | 'done' | 'none';

export interface EventSummary {
  readonly name: string;
  readonly action?: string;
}

export interface NewRequestLog {
  /** Time-ordered (UUIDv7), so ids sort as arrival does. */
  readonly id: string;
  readonly endpointId: string;
  readonly workspaceId: string;
  readonly integration: string;
  readonly receivedAt: Date;
  readonly method: string;
  readonly path: string;
  /** Redacted already: signature and auth headers never reach the store in clear. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw bytes, kept for replay; null when refused before reading (413). */
  readonly body: Uint8Array | null;
  readonly responseStatus: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: string;
  readonly deliveryId: string | null;
  readonly events: readonly EventSummary[];
  readonly outcome: RequestOutcome;
  readonly reason: string | null;
  /** Set to `pending` for accepted deliveries with events, `none` otherwise. */
  readonly dispatchState: DispatchState;
  /** The log this one re-dispatches, for replays. */
  readonly replayOf: string | null;
}

export interface RequestLogRecord extends NewRequestLog {
  readonly dispatchedAt: Date | null;
  /** Run ids this delivery started (filled by the dispatcher). */
  readonly runs: readonly string[];
}
