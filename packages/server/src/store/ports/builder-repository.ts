import type { BuilderRecord } from '../records.js';

/** Subscription builders: drafts of a subscription, each with its own ingress endpoint until it expires. */
export interface BuilderRepository {
  insert(builder: BuilderRecord): Promise<void>;
  get(workspaceId: string, id: string): Promise<BuilderRecord | undefined>;
  /** For the ingress: by endpoint id alone, unexpired at `now`. */
  findLive(id: string, now: Date): Promise<BuilderRecord | undefined>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<
      Pick<BuilderRecord, 'name' | 'parameters' | 'properties' | 'credentials' | 'credentialId' | 'expiresAt'>
    >,
  ): Promise<BuilderRecord | undefined>;
  /** Removes expired builders (and nothing else); returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
