/**
 * When the self-healing check looks at an automatic subscription's external webhook. A good check
 * comes back after `intervalMs`; failures back off exponentially from `backoffBaseMs` up to
 * `backoffMaxMs`, with jitter so that many subscriptions failing together (an outage) do not come
 * back in one wave. Never sooner than `backoffBaseMs`: no tight loop against a broken system.
 */
export interface CheckPolicy {
  /** Between two good checks of one subscription. Default 15 minutes. */
  readonly intervalMs: number;
  /** An expiring external subscription is refreshed this long before it lapses. Default 1 hour. */
  readonly refreshMarginMs: number;
  /** The first retry after a failed check. Default 1 minute. */
  readonly backoffBaseMs: number;
  /** The longest wait between failed checks. Default 6 hours. */
  readonly backoffMaxMs: number;
  /** How long a claimed check stays with its checker before another may take it. Default 5 minutes. */
  readonly leaseMs: number;
}

export const DEFAULT_CHECK_POLICY: CheckPolicy = {
  intervalMs: 15 * 60_000,
  refreshMarginMs: 60 * 60_000,
  backoffBaseMs: 60_000,
  backoffMaxMs: 6 * 60 * 60_000,
  leaseMs: 5 * 60_000,
};

/** No wait of the policy is shorter: a zero or negative override must not make checks spin. */
export const MIN_CHECK_WAIT_MS = 1000;

/** The defaults with what the caller overrides, every wait at least {@link MIN_CHECK_WAIT_MS}. */
export function checkPolicy(overrides: Partial<CheckPolicy> = {}): CheckPolicy {
  const merged = { ...DEFAULT_CHECK_POLICY, ...overrides };
  const atLeast = (ms: number, floor: number) => (Number.isFinite(ms) ? Math.max(ms, floor) : floor);
  const backoffBaseMs = atLeast(merged.backoffBaseMs, MIN_CHECK_WAIT_MS);
  return {
    intervalMs: atLeast(merged.intervalMs, MIN_CHECK_WAIT_MS),
    refreshMarginMs: atLeast(merged.refreshMarginMs, 0),
    backoffBaseMs,
    backoffMaxMs: atLeast(merged.backoffMaxMs, backoffBaseMs),
    leaseMs: atLeast(merged.leaseMs, MIN_CHECK_WAIT_MS),
  };
}

/**
 * How long to wait after the `failures`-th failed check in a row: base × 2^(failures-1), capped,
 * then spread by ±20% (`random` in [0, 1)) and kept within [base, max].
 */
export function backoffDelay(
  policy: CheckPolicy,
  failures: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** exponent);
  const jittered = delay * (0.8 + 0.4 * random());
  return Math.round(Math.min(policy.backoffMaxMs, Math.max(policy.backoffBaseMs, jittered)));
}
