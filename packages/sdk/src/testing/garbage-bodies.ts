/**
 * One body no integration should choke on, with a label for failure messages.
 *
 * @example
 * const empty: GarbageBody = { label: 'an empty body', body: new Uint8Array() };
 */
export interface GarbageBody {
  readonly label: string;
  readonly body: Uint8Array;
}

/**
 * Bodies that are not what any sender sends: empty, random bytes, broken and unexpected JSON, and
 * the fixture's own body cut in half. Random bytes come from a seeded generator so a failure
 * reproduces.
 *
 * @example
 * for (const { label, body } of garbageBodies({ seed: 1, original: request.body })) {
 *   integration.parse({ ...request, body });
 * }
 */
export function garbageBodies(input: {
  readonly seed: number;
  readonly original?: Uint8Array;
}): GarbageBody[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const random = mulberry32(input.seed);
  const randomBytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));
  const bodies: GarbageBody[] = [
    { label: 'an empty body', body: new Uint8Array() },
    { label: '16 random bytes', body: randomBytes(16) },
    { label: '1024 random bytes', body: randomBytes(1024) },
    { label: 'invalid UTF-8', body: Uint8Array.of(0xc3, 0x28, 0xff, 0xfe, 0x7b) },
    { label: 'unterminated JSON', body: encode('{"action": "opened", "number": ') },
    { label: 'JSON null', body: encode('null') },
    { label: 'a JSON array', body: encode('[1, 2, 3]') },
    { label: 'a JSON string', body: encode('"hello"') },
    { label: 'a JSON object with unexpected fields', body: encode('{"action": 42, "repository": []}') },
    { label: 'a form-encoded body', body: encode('payload=%7B%22zen%22%3A1%7D&x') },
  ];
  if (input.original && input.original.length > 1) {
    bodies.push({
      label: 'the fixture body cut in half',
      body: input.original.slice(0, input.original.length >> 1),
    });
  }
  return bodies;
}

// A small, well-known 32-bit generator: enough to make bytes that look random and repeat per seed.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
