/** Shorter secrets could match by chance, and a test that fails by chance is worse than none. */
export const MIN_SECRET_LENGTH = 8;

/** One way a secret can be written down: in clear, escaped, encoded. */
export interface SecretForm {
  readonly form: string;
  readonly text: string;
}

/**
 * Every form in which a secret could leak: as is, JSON-escaped, URL- and form-encoded, hex, and
 * base64 (standard and URL alphabets). The base64 forms are the characters that depend on the
 * secret alone, at each of the three byte alignments, so a secret is found even inside a longer
 * encoded value (`Basic base64(user:secret)`, a base64 request body).
 */
export function secretForms(secret: string): readonly SecretForm[] {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(
      `a secret to scan for must be at least ${MIN_SECRET_LENGTH} characters long, got ${secret.length}: shorter ones match by chance`,
    );
  }
  const bytes = Buffer.from(secret, 'utf8');
  const candidates: SecretForm[] = [
    { form: 'in clear', text: secret },
    { form: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    { form: 'URL-encoded', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: encodeURIComponent(secret).replace(/%20/g, '+') },
    { form: 'hex', text: bytes.toString('hex') },
    ...base64Fragments(bytes).flatMap((fragment) => [
      { form: 'base64', text: fragment },
      { form: 'base64url', text: fragment.replace(/\+/g, '-').replace(/\//g, '_') },
    ]),
  ];
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (seen.has(candidate.text)) return false;
    seen.add(candidate.text);
    return true;
  });
}

/** The base64 characters made of the secret's bits only, with 0, 1 and 2 bytes before it. */
function base64Fragments(bytes: Buffer): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    return encoded.slice(first, end);
  });
}

/** A text found in a value, with the path that leads to it (`body.properties.webhook_secret`). */
export interface TextLeaf {
  readonly path: string;
  readonly text: string;
}

/**
 * Every text in a value: strings, numbers, object keys, and bytes read as UTF-8. JSON text (a log
 * line, an answer body) is parsed first so that a finding names its field.
 */
export function textLeaves(value: unknown, path = ''): TextLeaf[] {
  if (typeof value === 'string') {
    const parsed = parseJsonContainer(value);
    return parsed === undefined ? [{ path, text: value }] : textLeaves(parsed, path);
  }
  if (value instanceof Uint8Array) return textLeaves(Buffer.from(value).toString('utf8'), path);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return [{ path, text: String(value) }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => textLeaves(item, join(path, `${index}`)));
  if (value instanceof Headers) return textLeaves(Object.fromEntries(value), path);
  if (value instanceof Map) return textLeaves(Object.fromEntries(value), path);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      { path: join(path, `${key} (name)`), text: key },
      ...textLeaves(item, join(path, key)),
    ]);
  }
  return [];
}

/** The parsed value when the text is a JSON object or array; JSON scalars stay text. */
function parseJsonContainer(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
