import { newId } from '../domain/ids.js';
import type { Listener, NewListener } from './listener-registry.js';

/** Dify's listening window: a debugger that went away stops listening soon. */
export const LISTENER_TTL_MS = 5 * 60_000;

/** A listener as it opens: waiting, for `ttlMs` from `now` unless renewed. */
export function openListener(listener: NewListener, now: number, ttlMs: number): Listener {
  return { ...listener, id: newId(), state: 'waiting', expiresAt: expiryFrom(now, ttlMs) };
}

/** When a listener opened or renewed at `now` expires. */
export function expiryFrom(now: number, ttlMs: number): Date {
  return new Date(now + ttlMs);
}

/**
 * Whether a listener has outlived its window at `now`. A captured one never has: it lives until
 * its run's result, as a run can outlast the window. A done one has once its time is up; until
 * then it stays for late readers of its stream.
 */
export function hasOutlived(listener: Listener, now: number): boolean {
  return listener.state !== 'captured' && listener.expiresAt.getTime() <= now;
}
