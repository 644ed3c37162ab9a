import {
  MASKED_SECRET,
  type ParameterDefinition,
  type ParameterValue,
  type ParameterValues,
} from '@tripline/sdk';
import { SecretBox } from '../crypto/secret-box.js';
import type { ParameterPatch } from './parameter-validation.js';

type MutableValues = Record<string, ParameterValues[string]>;

/**
 * Secret-typed values of a group of fields as they move between the store (sealed), the
 * integration (clear) and API answers (masked). Credentials are sealed as one JSON string, since
 * every field of them is sensitive.
 */
export class SecretProperties {
  readonly #box: SecretBox;

  constructor(box: SecretBox) {
    this.#box = box;
  }

  /** Seals the secret-typed values given in clear; values sealed already stay as they are. */
  seal(definitions: readonly ParameterDefinition[], values: ParameterValues): ParameterValues {
    const secret = secretNames(definitions);
    return mapValues(values, (name, value) =>
      secret.has(name) && typeof value === 'string' && value !== '' && !SecretBox.isSealed(value)
        ? this.#box.seal(value)
        : value,
    );
  }

  /** Opens sealed values for use (verification, calls to the external system). */
  open(values: ParameterValues): ParameterValues {
    return mapValues(values, (_name, value) => (SecretBox.isSealed(value) ? this.#box.open(value) : value));
  }

  /**
   * What an answer shows: secrets as {@link MASKED_SECRET}, except those in `reveal`, shown in
   * clear once (a secret just generated or just set, so the user can copy it).
   */
  mask(
    definitions: readonly ParameterDefinition[],
    values: ParameterValues,
    reveal: ReadonlySet<string> = new Set(),
  ): Record<string, ParameterValue> {
    const secret = secretNames(definitions);
    return mapValues(values, (name, value) => {
      // A sealed value is a secret even if the integration no longer declares it so.
      const isSecret = SecretBox.isSealed(value) || (secret.has(name) && typeof value === 'string');
      if (!isSecret || value === '') return value;
      if (reveal.has(name)) return SecretBox.isSealed(value) ? this.#box.open(value) : value;
      return MASKED_SECRET;
    });
  }

  sealCredentials(values: ParameterValues): string | null {
    const present = Object.entries(values).filter(([, value]) => value !== undefined);
    return present.length === 0 ? null : this.#box.seal(JSON.stringify(Object.fromEntries(present)));
  }

  openCredentials(sealed: string | null): ParameterValues {
    if (sealed === null) return {};
    const parsed: unknown = JSON.parse(this.#box.open(sealed));
    return parsed !== null && typeof parsed === 'object' ? (parsed as ParameterValues) : {};
  }
}

/**
 * Applies a PATCH to values in clear. For secrets, the masked value sent back means "keep what is
 * stored", as does leaving the field out; `null` or an empty string clears it. Returns the names
 * of secrets that got a new value, so the answer can show them once.
 */
export function applyPatch(
  definitions: readonly ParameterDefinition[],
  current: ParameterValues,
  patch: ParameterPatch,
): { readonly values: ParameterValues; readonly changedSecrets: ReadonlySet<string> } {
  const secret = secretNames(definitions);
  const values: MutableValues = { ...current };
  const changedSecrets = new Set<string>();
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (secret.has(name) && value === MASKED_SECRET) continue;
    if (value === null || (secret.has(name) && value === '')) {
      delete values[name];
      continue;
    }
    if (secret.has(name) && value !== current[name]) changedSecrets.add(name);
    values[name] = value;
  }
  return { values, changedSecrets };
}

/** Names of secrets whose value differs between two sets of values in clear. */
export function secretsChanged(
  definitions: readonly ParameterDefinition[],
  before: ParameterValues,
  after: ParameterValues,
): Set<string> {
  const changed = new Set<string>();
  for (const name of secretNames(definitions)) {
    if (after[name] !== undefined && after[name] !== before[name]) changed.add(name);
  }
  return changed;
}

function secretNames(definitions: readonly ParameterDefinition[]): Set<string> {
  return new Set(definitions.filter((d) => d.type === 'secret').map((d) => d.name));
}

function mapValues(
  values: ParameterValues,
  map: (name: string, value: ParameterValue) => ParameterValue,
): Record<string, ParameterValue> {
  const result: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) result[name] = map(name, value);
  }
  return result;
}
