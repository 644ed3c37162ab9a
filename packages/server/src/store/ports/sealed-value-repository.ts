/**
 * Every sealed value at rest, for re-keying: builders' and subscriptions' parameters, properties
 * and credentials, OAuth clients, states and confirmations, saved credentials.
 */
export interface SealedValueRepository {
  /**
   * Rewrites every sealed string (see SecretBox.isSealed) through `reseal`, in one transaction, so
   * a failure leaves every value under the old key. Returns how many values were rewritten.
   */
  rewriteAll(reseal: (sealed: string) => string): Promise<number>;
}
