import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { GuardedFetch } from '../node-definition.js';
import { AddressPolicy } from './address-policy.js';
import { GuardedFetchError } from './guarded-fetch-error.js';
import { collectResponse, type RawResponse, toResponse } from './read-response.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address of a host name; tests pass a fixed table instead of DNS. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface GuardedFetchOptions {
  /** Host names, addresses or CIDR ranges that may be reached even though they are not public. */
  readonly allow?: readonly string[];
  readonly maxRedirects?: number;
  /** For a whole request with its redirects, unless the call sets `timeoutMs`. */
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly resolve?: HostResolver;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: Buffer | undefined;
}

/**
 * A fetch that only reaches public addresses (and what the allowlist names). Every address a host
 * resolves to is checked at connect time, so DNS cannot swap in a private one after the check;
 * IP literals are checked before any socket opens. Redirects are followed by hand (each target
 * checked again), credentials are dropped when a redirect leaves the origin, and the response body
 * is capped.
 *
 * @example
 * const fetch = createGuardedFetch({ allow: ['10.1.0.0/16'], timeoutMs: 10_000 });
 * const response = await fetch('https://api.example.com/items', { method: 'POST', body: '{}' });
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const policy = new AddressPolicy(options.allow);
  const resolve = options.resolve ?? systemResolver;
  const maxRedirects = options.maxRedirects ?? 5;
  const maxBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const lookup = guardedLookup(policy, resolve);

  return async (url, init = {}) => {
    const { timeoutMs = defaultTimeoutMs, signal: callerSignal, ...requestInit } = init;
    let target = parseTarget(url);
    // A Request turns any body (text, form data, URL parameters) into bytes and content type.
    const normalized = new Request(target, { ...requestInit, redirect: 'manual' });
    let hop: Hop = {
      url: target,
      method: normalized.method,
      headers: new Headers(normalized.headers),
      body: normalized.body === null ? undefined : Buffer.from(await normalized.arrayBuffer()),
    };
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    for (let redirects = 0; ; redirects += 1) {
      const response = await send(hop, { policy, lookup, signal, maxBytes }).catch((error: unknown) => {
        throw explain(error, hop.url, { timeout, timeoutMs, callerSignal });
      });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null)
        return toResponse(response, hop.method);
      if (redirects >= maxRedirects) {
        throw new GuardedFetchError(
          'too_many_redirects',
          `${url} redirected more than ${maxRedirects} times`,
        );
      }
      target = parseTarget(location, hop.url);
      hop = redirectHop(hop, target, response.status);
    }
  };
}

function parseTarget(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch (error) {
    throw new GuardedFetchError('invalid_url', `"${text}" is not a URL`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GuardedFetchError('invalid_url', `${url.href} is not an http(s) URL`);
  }
  return url;
}

/** 303 (and 301/302 after a POST) turn into a GET without body; other origins get no credentials. */
function redirectHop(previous: Hop, url: URL, status: number): Hop {
  const headers = new Headers(previous.headers);
  const toGet =
    (status === 303 && previous.method !== 'HEAD') ||
    ((status === 301 || status === 302) && previous.method === 'POST');
  if (toGet) {
    for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name);
  }
  if (url.origin !== previous.url.origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  return { url, method: toGet ? 'GET' : previous.method, headers, body: toGet ? undefined : previous.body };
}

function blocked(host: string, address: string, reason: string): GuardedFetchError {
  const target = host === address ? address : `${host} (${address})`;
  return new GuardedFetchError(
    'blocked_address',
    `refused to connect to ${target}: ${reason} is not allowed`,
  );
}

/** Resolves and checks all addresses of a host at connect time, then connects to checked ones only. */
function guardedLookup(policy: AddressPolicy, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses
          .map((entry) => ({ entry, reason: policy.refusal(entry.address) }))
          .find((check) => check.reason);
        if (refused?.reason !== undefined) {
          callback(blocked(hostname, refused.entry.address, refused.reason), '', 0);
          return;
        }
        const family =
          typeof options.family === 'number' && options.family !== 0 ? options.family : undefined;
        const usable = addresses.filter((entry) => family === undefined || entry.family === family);
        const first = usable[0];
        if (first === undefined) {
          callback(new GuardedFetchError('network', `${hostname} has no usable address`), '', 0);
        } else if (options.all) {
          callback(
            null,
            usable.map(({ address, family: addressFamily }) => ({ address, family: addressFamily })),
          );
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}

interface SendOptions {
  readonly policy: AddressPolicy;
  readonly lookup: LookupFunction;
  readonly signal: AbortSignal;
  readonly maxBytes: number;
}

function send(hop: Hop, options: SendOptions): Promise<RawResponse> {
  const host = hop.url.hostname.replace(/^\[|\]$/g, '');
  const hostAllowed = options.policy.allowsHost(host);
  // Node connects to an IP literal without any lookup, so it is checked here, before a socket exists.
  if (isIP(host) !== 0 && !hostAllowed) {
    const reason = options.policy.refusal(host);
    if (reason !== undefined) return Promise.reject(blocked(host, host, reason));
  }
  const headers = Object.fromEntries(hop.headers);
  if (hop.body !== undefined) headers['content-length'] = String(hop.body.length);
  const transport = hop.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      hop.url,
      {
        method: hop.method,
        headers,
        signal: options.signal,
        agent: false,
        ...(hostAllowed ? {} : { lookup: options.lookup }),
      },
      (response) => collectResponse(response, options.maxBytes, hop.url).then(resolve, reject),
    );
    request.on('error', reject);
    request.end(hop.body);
  });
}

function explain(
  error: unknown,
  url: URL,
  context: { timeout: AbortSignal; timeoutMs: number; callerSignal: AbortSignal | null | undefined },
): GuardedFetchError {
  if (error instanceof GuardedFetchError) return error;
  if (context.timeout.aborted) {
    return new GuardedFetchError('timeout', `${url.host} did not answer within ${context.timeoutMs} ms`, {
      cause: error,
    });
  }
  if (context.callerSignal?.aborted) {
    return new GuardedFetchError('cancelled', `the request to ${url.host} was cancelled`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GuardedFetchError('network', `the request to ${url.host} failed: ${message}`, { cause: error });
}
