import type { IntegrationContext } from './context.js';
import type { ParameterDefinition, ParameterValues } from './parameters.js';

/**
 * The OAuth declaration of an integration that offers the `oauth` method.
 *
 * @example
 * const oauth: OAuthSpec = {
 *   scopes: ['admin:repo_hook'], pkce: false,
 *   clientParameters: [{ name: 'client_id', label: 'Client ID', type: 'string' }, { name: 'client_secret', label: 'Client secret', type: 'secret' }],
 * };
 */
export interface OAuthSpec {
  readonly scopes: readonly string[];
  /** Whether the provider accepts PKCE (`code_challenge`, S256). */
  readonly pkce: boolean;
  /** Fields of the OAuth client a workspace registers (usually client_id, client_secret). */
  readonly clientParameters: readonly ParameterDefinition[];
}

/**
 * Credentials an OAuth exchange or refresh produced.
 *
 * @example
 * const tokens: OAuthTokens = { credentials: { access_token: token }, expiresAt: new Date(clock.now() + 8 * 3_600_000) };
 */
export interface OAuthTokens {
  readonly credentials: ParameterValues;
  readonly expiresAt?: Date;
}

/**
 * The hooks of the OAuth authorization-code flow.
 *
 * @example
 * const oauth: OAuthHooks = {
 *   authorizationUrl: ({ client, redirectUri, state }) =>
 *     `https://github.com/login/oauth/authorize?${new URLSearchParams({ client_id: String(client.client_id), redirect_uri: redirectUri, state })}`,
 *   exchangeCode: async ({ client, code, context }) => ({ credentials: await exchange(context.http, client, code) }),
 * };
 */
export interface OAuthHooks {
  authorizationUrl(input: {
    readonly client: ParameterValues;
    readonly redirectUri: string;
    readonly state: string;
    readonly codeChallenge?: string;
    readonly context: IntegrationContext;
  }): string;
  exchangeCode(input: {
    readonly client: ParameterValues;
    readonly redirectUri: string;
    readonly code: string;
    readonly codeVerifier?: string;
    readonly context: IntegrationContext;
  }): Promise<OAuthTokens>;
  refreshCredentials?(input: {
    readonly client: ParameterValues;
    readonly credentials: ParameterValues;
    readonly context: IntegrationContext;
  }): Promise<OAuthTokens>;
}
