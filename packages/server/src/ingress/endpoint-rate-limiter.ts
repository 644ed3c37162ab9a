import type { Clock } from '@tripline/sdk';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
}

export interface EndpointRateLimiterOptions {
  /** Sustained requests per second each endpoint may send. */
  readonly ratePerSecond: number;
  /** Requests an endpoint may send at once above the sustained rate (the bucket's size). */
  readonly burst: number;
  readonly clock: Clock;
  /** Endpoints tracked at most; idle ones are forgotten first. */
  readonly maxTracked?: number;
}

/**
 * A token bucket per endpoint id. An idle endpoint's bucket refills to full, which is the same as
 * having no bucket at all, so idle buckets are dropped when memory is bounded: forgetting them
 * changes no answer.
 */
export class EndpointRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  readonly #burst: number;
  readonly #clock: Clock;
  readonly #maxTracked: number;

  constructor(options: EndpointRateLimiterOptions) {
    if (!(options.ratePerSecond > 0)) {
      throw new RangeError(`ratePerSecond must be above 0, got ${options.ratePerSecond}`);
    }
    if (!(options.burst >= 1)) throw new RangeError(`burst must be at least 1, got ${options.burst}`);
    this.#perMs = options.ratePerSecond / 1000;
    this.#burst = options.burst;
    this.#clock = options.clock;
    this.#maxTracked = options.maxTracked ?? 10_000;
  }

  /** Takes one token: 0 when the request may pass, else the milliseconds until one would. */
  take(endpointId: string): number {
    const now = this.#clock.now();
    let bucket = this.#buckets.get(endpointId);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.#maxTracked) this.#evict(now);
      bucket = { tokens: this.#burst, at: now };
      this.#buckets.set(endpointId, bucket);
    } else if (now > bucket.at) {
      bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#perMs);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.#perMs);
  }

  /** How many endpoints are tracked; for tests and metrics. */
  get size(): number {
    return this.#buckets.size;
  }

  #evict(now: number): void {
    for (const [id, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.#burst) this.#buckets.delete(id);
    }
    // Every tracked endpoint busy (a flood over many ids): drop the oldest tenth, so eviction stays
    // amortised rather than a full sweep per new id. They restart with a full bucket.
    const target = this.#maxTracked - Math.max(1, Math.floor(this.#maxTracked / 10));
    for (const id of this.#buckets.keys()) {
      if (this.#buckets.size <= target) break;
      this.#buckets.delete(id);
    }
  }
}
