/** Where integration endpoints live: `TRIGGER_URL + INGRESS_PREFIX + endpointId`. */
export const INGRESS_PREFIX = '/triggers/plugin/';

// Endpoint ids are UUIDs today; the pattern stays loose enough for other id schemes but keeps
// path tricks (dots, slashes, percent escapes) and absurd lengths away from the cache and database.
const ENDPOINT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** True for request URLs the ingress handler serves; the server routes the rest elsewhere. */
export function isIngressPath(url: string | undefined): boolean {
  return url?.startsWith(INGRESS_PREFIX) === true;
}

/** The endpoint id of an ingress URL, or undefined when the path names none (or something malformed). */
export function endpointIdFromUrl(url: string): string | undefined {
  let end = url.indexOf('?', INGRESS_PREFIX.length);
  if (end === -1) end = url.length;
  // A trailing slash is forgiven, as senders' URL fields often add one.
  if (url.charCodeAt(end - 1) === 47 /* "/" */) end -= 1;
  const id = url.slice(INGRESS_PREFIX.length, end);
  return ENDPOINT_ID.test(id) ? id : undefined;
}
