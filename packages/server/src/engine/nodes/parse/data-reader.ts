import type { VariableSelector } from '../../workflow-graph.js';
import type { ParseNodeResult } from '../node-definition.js';

/** Names a node declares for its inputs and outputs, as Dify allows them. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Field = string | number;

/**
 * Reads DSL node data field by field and collects every problem, each naming its path:
 * `nodes[3] (http-request): timeout.read must be a number of seconds from 1 to 600`.
 * Readers of nested objects share their parent's problem list.
 */
export class DataReader {
  readonly value: Readonly<Record<string, unknown>>;
  readonly #prefix: string;
  readonly #at: string;
  readonly #problems: string[];

  private constructor(
    value: Readonly<Record<string, unknown>>,
    prefix: string,
    at: string,
    problems: string[],
  ) {
    this.value = value;
    this.#prefix = prefix;
    this.#at = at;
    this.#problems = problems;
  }

  /** A reader of a node's `data`; `prefix` names the node, e.g. `nodes[3] (code)`. */
  static of(data: unknown, prefix: string): DataReader {
    const reader = new DataReader(isRecord(data) ? data : {}, prefix, '', []);
    if (!isRecord(data)) reader.#problems.push(`${prefix}: data must be an object`);
    return reader;
  }

  get problems(): readonly string[] {
    return this.#problems;
  }

  /** The path of a field, for messages: `variables[0].type`. */
  path(field: Field): string {
    return typeof field === 'number' ? `${this.#at.replace(/\.$/, '')}[${field}]` : `${this.#at}${field}`;
  }

  /** Records a problem with a field and returns undefined, so callers can `return reader.fail(...)`. */
  fail(field: Field, message: string): undefined {
    this.#problems.push(`${this.#prefix}: ${this.path(field)} ${message}`);
    return undefined;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  /** A reader of a nested object, or undefined (with a problem unless optional and absent). */
  object(key: Field, options: { optional?: boolean } = {}): DataReader | undefined {
    const value = this.#raw(key);
    if ((value === undefined || value === null) && options.optional) return undefined;
    if (!isRecord(value)) return this.fail(key, 'must be an object');
    return new DataReader(value, this.#prefix, `${this.path(key)}.`, this.#problems);
  }

  string(
    key: Field,
    options: { optional?: boolean; nonEmpty?: boolean; maxLength?: number } = {},
  ): string | undefined {
    const value = this.#raw(key);
    if ((value === undefined || value === null) && options.optional) return undefined;
    if (typeof value !== 'string') return this.fail(key, 'must be a string');
    if (options.nonEmpty && value.trim() === '') return this.fail(key, 'must not be empty');
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      return this.fail(key, `must be at most ${options.maxLength} characters long (got ${value.length})`);
    }
    return value;
  }

  /** A variable or output name: a letter or underscore, then letters, digits or underscores. */
  name(key: Field): string | undefined {
    const value = this.string(key, { nonEmpty: true });
    if (value === undefined) return undefined;
    if (!VARIABLE_NAME_PATTERN.test(value)) {
      return this.fail(
        key,
        `must start with a letter or underscore and hold only letters, digits and underscores (got "${value}")`,
      );
    }
    return value;
  }

  boolean(key: Field, fallback: boolean): boolean {
    const value = this.#raw(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') return this.fail(key, 'must be true or false') ?? fallback;
    return value;
  }

  number(
    key: Field,
    options: { optional?: boolean; integer?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = this.#raw(key);
    if ((value === undefined || value === null) && options.optional) return undefined;
    const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = options;
    const kind = options.integer ? 'an integer' : 'a number';
    const range =
      Number.isFinite(min) && Number.isFinite(max)
        ? ` from ${min} to ${max}`
        : Number.isFinite(min)
          ? ` of at least ${min}`
          : Number.isFinite(max)
            ? ` of at most ${max}`
            : '';
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (options.integer && !Number.isInteger(value))
    ) {
      return this.fail(key, `must be ${kind}${range}`);
    }
    if (value < min || value > max) return this.fail(key, `must be ${kind}${range} (got ${value})`);
    return value;
  }

  /** One of a fixed list of strings; `normalize` maps spellings Dify also accepts (e.g. `POST`). */
  oneOf<T extends string>(
    key: Field,
    allowed: readonly T[],
    options: { fallback?: T; normalize?: (value: string) => string } = {},
  ): T | undefined {
    const value = this.#raw(key);
    if ((value === undefined || value === null) && options.fallback !== undefined) return options.fallback;
    const normalized = typeof value === 'string' && options.normalize ? options.normalize(value) : value;
    if (typeof normalized === 'string' && (allowed as readonly string[]).includes(normalized))
      return normalized as T;
    const got = value === undefined ? 'nothing' : JSON.stringify(value);
    const choices = allowed.length === 1 ? `"${allowed[0]}"` : `one of ${allowed.join(', ')}`;
    return this.fail(key, `must be ${choices} (got ${got})`);
  }

  /** The raw items of a list field; an absent optional list reads as empty. */
  array(key: Field, options: { optional?: boolean } = {}): readonly unknown[] | undefined {
    const value = this.#raw(key);
    if ((value === undefined || value === null) && options.optional) return [];
    if (!Array.isArray(value)) return this.fail(key, 'must be a list');
    return value;
  }

  /**
   * Reads each item of a list with `read`, which gets a reader over the list itself (so
   * `list.selector(index)` names `variables[2]`); items that fail are left out.
   */
  items<T>(
    key: Field,
    read: (list: DataReader, index: number) => T | undefined,
    options: { optional?: boolean } = {},
  ): T[] {
    const items = this.array(key, options);
    if (items === undefined) return [];
    // Arrays index by string keys too, so a reader over the list reads its items as fields.
    const list = new DataReader(
      items as unknown as Record<string, unknown>,
      this.#prefix,
      `${this.path(key)}.`,
      this.#problems,
    );
    const result: T[] = [];
    for (const [index] of items.entries()) {
      const value = read(list, index);
      if (value !== undefined) result.push(value);
    }
    return result;
  }

  /** A list of objects, each read by `read` with its own reader; items that fail are left out. */
  list<T>(
    key: Field,
    read: (item: DataReader, index: number) => T | undefined,
    options: { optional?: boolean } = {},
  ): T[] {
    return this.items(
      key,
      (list, index) => {
        const item = list.object(index);
        return item === undefined ? undefined : read(item, index);
      },
      options,
    );
  }

  /** A list of variable selectors. */
  selectors(key: Field, options: { optional?: boolean } = {}): VariableSelector[] {
    return this.items(key, (list, index) => list.selector(index), options);
  }

  /** A variable selector: `[nodeId, name, ...path]`, all non-empty strings. */
  selector(key: Field): VariableSelector | undefined {
    const value = this.#raw(key);
    if (
      !Array.isArray(value) ||
      value.length < 2 ||
      !value.every((part) => typeof part === 'string' && part !== '')
    ) {
      return this.fail(
        key,
        'must be a variable selector: a list like ["node_id", "variable"] of at least two names',
      );
    }
    return value as string[];
  }

  /** The object read, with normalized fields laid over it: fields nobody reads survive an export. */
  keep<T extends object>(normalized: T): T {
    return { ...this.value, ...normalized };
  }

  /** Ends parsing when a required field could not be read (its problem is already recorded). */
  failed<D>(): ParseNodeResult<D> {
    if (this.#problems.length === 0) this.#problems.push(`${this.#prefix}: data could not be read`);
    return { ok: false, problems: this.#problems };
  }

  /** Ends parsing: the problems, or the original data with the normalized fields laid over it. */
  result<D extends object>(normalized: D): ParseNodeResult<D> {
    if (this.#problems.length > 0) return { ok: false, problems: this.#problems };
    return { ok: true, data: this.keep(normalized) };
  }

  #raw(key: Field): unknown {
    return this.value[String(key)];
  }
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
