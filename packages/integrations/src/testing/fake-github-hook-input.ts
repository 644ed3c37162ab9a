import { FAKE_REPOSITORY_HOOK_EVENTS } from './fake-github-events.js';
import { type FakeAnswer, isRecord, validationFailed } from './fake-github-http.js';
import type { FakeHook } from './fake-github-state.js';

/** The writable fields of a webhook after GitHub's validation. */
export interface HookFields {
  readonly url: string;
  readonly contentType: 'json' | 'form';
  readonly insecureSsl: '0' | '1';
  readonly secret: string | undefined;
  readonly events: string[];
  readonly active: boolean;
}

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly answer: FakeAnswer };

const invalid = (field: string, message?: string): Checked<never> => ({
  ok: false,
  answer: validationFailed({ resource: 'Hook', code: 'invalid', field, ...(message ? { message } : {}) }),
});

/** `POST /repos/{o}/{r}/hooks`: GitHub's defaults are form content, `push` only, active. */
export function createHookFields(body: unknown): Checked<HookFields> {
  if (!isRecord(body)) return invalid('body');
  if (body.name !== undefined && body.name !== 'web') return invalid('name');
  const config = readConfig(body.config);
  if (!config.ok) return config;
  const events = readEvents(body.events ?? ['push']);
  if (!events.ok) return events;
  if (body.active !== undefined && typeof body.active !== 'boolean') return invalid('active');
  return { ok: true, value: { ...config.value, events: events.value, active: body.active ?? true } };
}

/**
 * `PATCH /repos/{o}/{r}/hooks/{id}`: `config` replaces the whole configuration (a secret left out
 * is removed, as GitHub documents), `events` replaces the list, `add_events` and `remove_events`
 * edit it, `active` switches it.
 */
export function updateHookFields(body: unknown, hook: FakeHook): Checked<HookFields> {
  if (!isRecord(body)) return invalid('body');
  let fields: HookFields = { ...hook, events: [...hook.events] };
  if (body.config !== undefined) {
    const config = readConfig(body.config);
    if (!config.ok) return config;
    fields = { ...fields, ...config.value };
  }
  if (body.events !== undefined) {
    const events = readEvents(body.events);
    if (!events.ok) return events;
    fields = { ...fields, events: events.value };
  }
  for (const [key, add] of [
    ['add_events', true],
    ['remove_events', false],
  ] as const) {
    if (body[key] === undefined) continue;
    const change = readEvents(body[key]);
    if (!change.ok) return change;
    const kept = fields.events.filter((event) => !change.value.includes(event));
    fields = { ...fields, events: add ? [...kept, ...change.value] : kept };
  }
  if (body.active !== undefined) {
    if (typeof body.active !== 'boolean') return invalid('active');
    fields = { ...fields, active: body.active };
  }
  return { ok: true, value: fields };
}

function readConfig(value: unknown): Checked<Omit<HookFields, 'events' | 'active'>> {
  if (!isRecord(value) || typeof value.url !== 'string' || value.url === '') {
    return {
      ok: false,
      answer: validationFailed({
        resource: 'Hook',
        code: 'custom',
        message: 'Config must contain URL for webhooks',
      }),
    };
  }
  if (!isHttpUrl(value.url)) {
    return {
      ok: false,
      answer: validationFailed({
        resource: 'Hook',
        code: 'custom',
        message:
          "The URL you've entered is not valid. Please make sure that you encode all special characters first",
      }),
    };
  }
  const contentType = value.content_type ?? 'form';
  if (contentType !== 'json' && contentType !== 'form') return invalid('content_type');
  const insecureSsl = String(value.insecure_ssl ?? '0');
  if (insecureSsl !== '0' && insecureSsl !== '1') return invalid('insecure_ssl');
  if (value.secret !== undefined && typeof value.secret !== 'string') return invalid('secret');
  const secret = typeof value.secret === 'string' && value.secret !== '' ? value.secret : undefined;
  return { ok: true, value: { url: value.url, contentType, insecureSsl, secret } };
}

function readEvents(value: unknown): Checked<string[]> {
  if (!Array.isArray(value) || !value.every((event) => typeof event === 'string')) return invalid('events');
  const unknown = value.filter((event) => !FAKE_REPOSITORY_HOOK_EVENTS.has(event));
  if (unknown.length > 0)
    return invalid('events', `${unknown.map((e) => `"${e}"`).join(', ')} is not a valid event name`);
  return { ok: true, value: [...new Set(value)] };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
