import type { Builder } from '../../../api/subscription-types.js';

/**
 * The create answer of each builder made in this tab: the only answer that shows a generated secret
 * (the webhook secret of a manual subscription) in clear. Kept in memory only, so the setup page can
 * show it; a reload shows the masked value, as the API does.
 */
const revealed = new Map<string, Builder>();

export function rememberCreated(builder: Builder): void {
  revealed.set(builder.id, builder);
}

/** The secrets the create answer showed in clear, by property name. */
export function revealedSecrets(builderId: string): Readonly<Record<string, string>> {
  const builder = revealed.get(builderId);
  if (!builder) return {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(builder.properties)) {
    if (typeof value === 'string') secrets[name] = value;
  }
  return secrets;
}

/** Forgets a builder's secrets once it is built or abandoned. */
export function forgetCreated(builderId: string): void {
  revealed.delete(builderId);
}
