import type { ParameterValue } from '@tripline/sdk';
import type { OAuthClientSource } from '../store/records.js';

/** A workspace's OAuth client setup for one integration, as the API shows it. */
export interface OAuthClientView {
  readonly integration: string;
  /** The callback URL to register with the provider's OAuth app. */
  readonly redirectUri: string;
  /** The workspace's own client, secrets masked, or null when it has none. */
  readonly client: Record<string, ParameterValue> | null;
  /** Whether the workspace's own client is used (false when it has none). */
  readonly enabled: boolean;
  /** Whether the operator configured an instance-wide client (TRIPLINE_OAUTH_<INTEGRATION>_*). */
  readonly systemClientAvailable: boolean;
  /** The client the next authorization uses, or null when there is none. */
  readonly effective: OAuthClientSource | null;
}

/** Where the provider sends the browser back; the same for every integration and workspace. */
export function oauthRedirectUri(triggerUrl: string): string {
  return `${triggerUrl}/oauth/callback`;
}
