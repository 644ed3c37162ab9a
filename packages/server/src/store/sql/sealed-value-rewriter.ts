import { SecretBox } from '../../crypto/secret-box.js';

/**
 * Reseals the sealed strings found in a column, counting them: whole-column values (sealed JSON
 * of credentials, a sealed verifier) and sealed strings anywhere inside a JSON column.
 */
export class SealedValueRewriter {
  #count = 0;

  constructor(private readonly reseal: (sealed: string) => string) {}

  /** How many sealed strings were rewritten so far. */
  get count(): number {
    return this.#count;
  }

  /** The column value resealed, or undefined when it is not a sealed string. */
  text(value: string | null): string | undefined {
    if (!SecretBox.isSealed(value)) return undefined;
    this.#count += 1;
    return this.reseal(value);
  }

  /** The JSON text with every sealed string in it resealed, or undefined when it holds none. */
  json(text: string): string | undefined {
    const before = this.#count;
    const rewritten = this.#walk(JSON.parse(text) as unknown);
    return this.#count === before ? undefined : JSON.stringify(rewritten);
  }

  #walk(value: unknown): unknown {
    if (SecretBox.isSealed(value)) {
      this.#count += 1;
      return this.reseal(value);
    }
    if (Array.isArray(value)) return value.map((item) => this.#walk(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.#walk(item)]));
    }
    return value;
  }
}
