import { apiRequest } from '../../api/http.js';
import type { IntegrationDetail } from './integration-types.js';

// An integration's events with their schemas weigh about a megabyte (GitHub's) and do not change
// while the console runs, so each is fetched once; a failure is forgotten so that it can be tried again.
const details = new Map<string, Promise<IntegrationDetail>>();

/** `GET /integrations/{id}`: the integration's events with their filter parameters. */
export function loadIntegration(id: string): Promise<IntegrationDetail> {
  let detail = details.get(id);
  if (!detail) {
    detail = apiRequest<IntegrationDetail>(`/integrations/${encodeURIComponent(id)}`);
    details.set(id, detail);
    detail.catch(() => details.delete(id));
  }
  return detail;
}
