import {
  CredentialsError,
  defineIntegration,
  ExternalServiceError,
  type IntegrationContext,
  type OAuthTokens,
  type ParameterValues,
} from '@tripline/sdk';

/** Where the test integration finds its provider (a {@link startFakeOAuthProvider} URL). */
export const PROVIDER_URL_ENV = 'TRIPLINE_OAUTHY_PROVIDER_URL';

/**
 * An integration that offers OAuth with PKCE against the fake provider: its hooks talk to the
 * provider the way real ones do (form-encoded token requests, refused grants as CredentialsError).
 */
export const oauthyIntegration = defineIntegration({
  id: 'oauthy',
  name: 'OAuthy',
  description: 'Webhooks created with OAuth tokens, for tests.',
  icon: 'data:image/svg+xml,<svg/>',
  settings: [
    {
      name: 'provider_url',
      env: PROVIDER_URL_ENV,
      default: 'http://127.0.0.1:9',
      description: 'Provider base URL',
    },
  ],
  subscription: {
    methods: ['manual', 'oauth'],
    constructorParameters: [{ name: 'repository', label: 'Repository', type: 'string', required: true }],
    oauth: {
      scopes: ['hooks:write'],
      pkce: true,
      clientParameters: [
        { name: 'client_id', label: 'Client ID', type: 'string' },
        { name: 'client_secret', label: 'Client secret', type: 'secret' },
      ],
    },
  },
  events: [{ name: 'ping', label: 'Ping', description: 'A ping.', parameters: [], outputSchema: {} }],
  verify: () => ({ ok: true }),
  parse: () => ({ ok: true, events: [], response: { status: 200 } }),
  subscribe: async () => ({ properties: { hook_id: '1' } }),
  unsubscribe: async () => {},
  oauth: {
    authorizationUrl: ({ client, redirectUri, state, codeChallenge, context }) => {
      const query = new URLSearchParams({
        client_id: String(client.client_id),
        redirect_uri: redirectUri,
        state,
        scope: 'hooks:write',
      });
      if (codeChallenge) {
        query.set('code_challenge', codeChallenge);
        query.set('code_challenge_method', 'S256');
      }
      return `${context.settings.provider_url}/authorize?${query}`;
    },
    exchangeCode: ({ client, redirectUri, code, codeVerifier, context }) =>
      requestTokens(context, client, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
      }),
    refreshCredentials: ({ client, credentials, context }) =>
      requestTokens(context, client, {
        grant_type: 'refresh_token',
        refresh_token: String(credentials.refresh_token),
      }),
  },
});

/** The same integration without PKCE, to see that no challenge or verifier is sent. */
export const plainOAuthIntegration = defineIntegration({
  ...oauthyIntegration,
  id: 'plainoauth',
  name: 'Plain OAuth',
  events: [...oauthyIntegration.events.values()],
  subscription: {
    ...oauthyIntegration.subscription,
    oauth: { ...requiredOAuthSpec(), pkce: false },
  },
});

function requiredOAuthSpec() {
  const spec = oauthyIntegration.subscription.oauth;
  if (!spec) throw new Error('oauthy declares OAuth');
  return spec;
}

async function requestTokens(
  context: IntegrationContext,
  client: ParameterValues,
  grant: Record<string, string>,
): Promise<OAuthTokens> {
  const response = await context.http(`${context.settings.provider_url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      client_id: String(client.client_id),
      client_secret: String(client.client_secret),
      ...grant,
    }).toString(),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status >= 500)
    throw new ExternalServiceError(`token endpoint answered ${response.status}`, response.status);
  if (!response.ok) throw new CredentialsError(`the provider refused the grant: ${String(body.error)}`);
  return {
    credentials: { access_token: String(body.access_token), refresh_token: String(body.refresh_token) },
    expiresAt: new Date(context.clock.now() + Number(body.expires_in) * 1000),
  };
}
