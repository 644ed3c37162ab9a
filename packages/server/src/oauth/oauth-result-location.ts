/**
 * What the console's OAuth result page is told about a finished (or refused) authorization.
 * `authorized`: the provider issued tokens; they wait for the member who started the flow to
 * confirm them (POST .../oauth/confirm with `confirmation`) from their own session.
 */
export type OAuthResult =
  | { readonly outcome: 'authorized'; readonly builderId: string; readonly confirmation: string }
  | { readonly outcome: 'failed'; readonly message: string; readonly builderId?: string };

/**
 * Where the callback sends the browser: the console's result page, as a same-origin relative URL
 * so no host from the request can redirect it elsewhere. Never carries the code or the state; the
 * one-time confirmation travels in the fragment, which browsers do not send to servers.
 */
export function oauthResultLocation(result: OAuthResult): string {
  const parts: string[] = [];
  if (result.builderId !== undefined) parts.push(`builder=${encodeURIComponent(result.builderId)}`);
  parts.push(`outcome=${result.outcome}`);
  if (result.outcome === 'authorized') parts.push(`confirmation=${encodeURIComponent(result.confirmation)}`);
  if (result.outcome === 'failed') parts.push(`message=${encodeURIComponent(result.message)}`);
  return `/#/oauth-result?${parts.join('&')}`;
}
