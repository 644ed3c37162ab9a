/** What the console's OAuth result page is told about a finished (or refused) authorization. */
export type OAuthResult =
  | { readonly outcome: 'connected'; readonly builderId: string }
  | { readonly outcome: 'failed'; readonly message: string; readonly builderId?: string };

/**
 * Where the callback sends the browser: the console's result page, as a same-origin relative URL
 * so no host from the request can redirect it elsewhere. Never carries the code or the state.
 */
export function oauthResultLocation(result: OAuthResult): string {
  const parts: string[] = [];
  if (result.builderId !== undefined) parts.push(`builder=${encodeURIComponent(result.builderId)}`);
  parts.push(`outcome=${result.outcome}`);
  if (result.outcome === 'failed') parts.push(`message=${encodeURIComponent(result.message)}`);
  return `/#/oauth-result?${parts.join('&')}`;
}
