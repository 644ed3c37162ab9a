/**
 * The smallest time-ordered id (UUIDv7, domain/ids.ts) of millisecond `ms`: every id made before
 * `ms` sorts below it and every id made at or after `ms` above, as text on both dialects (the ids
 * are lowercase hex, with the hyphens always in the same places).
 */
export function timeOrderedIdFloor(ms: number): string {
  const hex = Math.max(0, Math.trunc(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
