import { type FakeAnswer, githubError } from './fake-github-http.js';

/** A failure the next matching API calls answer with, e.g. a 502 or a secondary rate limit. */
export interface FakeFailure {
  readonly status: number;
  /** GitHub's `message`; "Server Error" for 5xx unless given. */
  readonly message?: string;
  /** GitHub's `errors` list of a 422. */
  readonly errors?: readonly object[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Only calls with this method fail (e.g. `PATCH`); any method unless given. */
  readonly method?: string;
  /** Only calls whose path below the API base ends like this fail (e.g. `/hooks`); any unless given. */
  readonly pathEndsWith?: string;
  /** How many calls fail; 1 unless given. */
  readonly times?: number;
}

const HOUR_MS = 3_600_000;

/** Failures tests inject into the API, and its primary rate limit. */
export class FakeFaults {
  private failures: { failure: FakeFailure; left: number }[] = [];
  private limitedUntil: number | undefined;

  constructor(private readonly now: () => number) {}

  failNext(failure: FakeFailure): void {
    this.failures.push({ failure, left: failure.times ?? 1 });
  }

  /** Every API call answers 403 with `x-ratelimit-remaining: 0` until the reset an hour from now. */
  exhaustRateLimit(): void {
    this.limitedUntil = this.now() + HOUR_MS;
  }

  restoreRateLimit(): void {
    this.limitedUntil = undefined;
  }

  /** The answer that replaces this call's, or undefined to serve it normally. */
  take(call: { method: string; path: string; userId: number }): FakeAnswer | undefined {
    if (this.limitedUntil !== undefined && this.limitedUntil <= this.now()) this.limitedUntil = undefined;
    if (this.limitedUntil !== undefined) {
      return githubError(403, `API rate limit exceeded for user ID ${call.userId}.`, {
        headers: { ...this.rateHeaders(), 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000' },
      });
    }
    const index = this.failures.findIndex(({ failure }) => matches(failure, call));
    const next = this.failures[index];
    if (next === undefined) return undefined;
    next.left -= 1;
    if (next.left <= 0) this.failures.splice(index, 1);
    const { status, message, errors, headers } = next.failure;
    const answer = githubError(status, message ?? (status >= 500 ? 'Server Error' : 'Injected failure'), {
      ...(errors ? { errors } : {}),
    });
    return { ...answer, headers: { ...headers } };
  }

  /** GitHub's rate limit headers, sent on every API answer. */
  rateHeaders(): Record<string, string> {
    const reset = Math.ceil((this.limitedUntil ?? this.now() + HOUR_MS) / 1000);
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': this.limitedUntil === undefined ? '4999' : '0',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': this.limitedUntil === undefined ? '1' : '5000',
      'x-ratelimit-resource': 'core',
    };
  }
}

function matches(failure: FakeFailure, call: { readonly method: string; readonly path: string }): boolean {
  if (failure.method !== undefined && failure.method.toUpperCase() !== call.method) return false;
  return failure.pathEndsWith === undefined || call.path.endsWith(failure.pathEndsWith);
}
