import type { IncomingHttpHeaders } from 'node:http';

export const REDACTED = '[redacted]';

// Names that carry credentials in some sender's scheme: signatures (X-Hub-Signature-256,
// Stripe-Signature, X-Slack-Signature), bearer and basic auth, cookies, tokens (X-Gitlab-Token),
// API keys and anything calling itself a secret or password.
const SENSITIVE = /auth|cookie|token|secret|signature|api[-_]?key|password|session|credential/;

/** Headers split for their two readers: the integration sees them in clear, the store redacted. */
export interface SplitHeaders {
  /** Lower-cased names, repeated values joined with ", " (what integrations verify against). */
  readonly clear: Readonly<Record<string, string>>;
  /** Safe to store and show: credential-bearing values replaced with {@link REDACTED}. */
  readonly redacted: Readonly<Record<string, string>>;
}

/** Decides per header name once; the set of names a server sees is small, so the memo stays small. */
export class HeaderRedactor {
  readonly #decisions = new Map<string, boolean>();
  readonly #maxNames: number;

  constructor(options: { readonly maxNames?: number } = {}) {
    this.#maxNames = options.maxNames ?? 1024;
  }

  isSensitive(name: string): boolean {
    let sensitive = this.#decisions.get(name);
    if (sensitive === undefined) {
      sensitive = SENSITIVE.test(name);
      // Senders can invent names without end; past the bound, decide without remembering.
      if (this.#decisions.size < this.#maxNames) this.#decisions.set(name, sensitive);
    }
    return sensitive;
  }

  /** One pass over Node's parsed headers. */
  split(headers: IncomingHttpHeaders): SplitHeaders {
    const clear: Record<string, string> = {};
    const redacted: Record<string, string> = {};
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined) continue;
      const text = typeof value === 'string' ? value : value.join(', ');
      clear[name] = text;
      redacted[name] = this.isSensitive(name) ? REDACTED : text;
    }
    return { clear, redacted };
  }
}
