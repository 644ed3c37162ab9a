/** A webhook payload: GitHub always sends a JSON object. */
export type Payload = Readonly<Record<string, unknown>>;

export function isPayload(value: unknown): value is Payload {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows object keys; undefined as soon as one is missing or not an object. */
export function readPath(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isPayload(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function readString(value: unknown, ...keys: readonly string[]): string | undefined {
  const found = readPath(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}

/** The `name` of each label object in a list (issues and pull requests carry `labels: [{name}]`). */
export function namesOf(value: unknown, key: 'name' | 'login'): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => readString(item, key)).filter((name): name is string => name !== undefined);
}
