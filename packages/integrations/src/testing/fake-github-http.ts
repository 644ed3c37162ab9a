import type { IncomingHttpHeaders } from 'node:http';

/** A request as the fake's routes see it: body already read. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What a route answers: an object body is sent as JSON, a string as is. */
export interface FakeAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

const DOCS = 'https://docs.github.com/rest';

/** An error body as GitHub's REST API sends it: message, documentation URL, status as a string. */
export function githubError(
  status: number,
  message: string,
  options: { readonly errors?: readonly object[]; readonly headers?: Record<string, string> } = {},
): FakeAnswer {
  return {
    status,
    ...(options.headers ? { headers: options.headers } : {}),
    body: {
      message,
      ...(options.errors ? { errors: options.errors } : {}),
      documentation_url: DOCS,
      status: String(status),
    },
  };
}

/** 422 "Validation Failed" with GitHub's `errors` list. */
export function validationFailed(...errors: readonly object[]): FakeAnswer {
  return githubError(422, 'Validation Failed', { errors });
}

/** GitHub's 404, also what it answers for things a token may not see. */
export const notFound = (): FakeAnswer => githubError(404, 'Not Found');

/**
 * One page of a list, with the `Link` header exactly as GitHub writes it: prev, next, last, first,
 * each URL the request's own with `page` replaced. `per_page` defaults to 30, at most 100.
 */
export function paginate<T>(
  items: readonly T[],
  requestUrl: URL,
  publicBase: string,
): { readonly page: readonly T[]; readonly link?: string } {
  const perPage = Math.min(100, Math.max(1, Number(requestUrl.searchParams.get('per_page')) || 30));
  const page = Math.max(1, Math.trunc(Number(requestUrl.searchParams.get('page')) || 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const at = (target: number) => {
    const url = new URL(`${publicBase}${requestUrl.pathname}${requestUrl.search}`);
    url.searchParams.set('page', String(target));
    return `<${url.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.length > 0 ? { page: slice, link: links.join(', ') } : { page: slice };
}

/** Reads a request body as GitHub does: JSON, or a form, or nothing. */
export function readJsonBody(
  body: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (body.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Whether a parsed JSON value is an object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
