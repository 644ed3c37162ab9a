import type { BuilderRecord } from '../records.js';

/** Where a listing of abandoned builds goes on: after this builder, in expiry order. */
export type AbandonedBuildCursor = Pick<BuilderRecord, 'expiresAt' | 'id'>;

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
      Pick<
        BuilderRecord,
        'name' | 'parameters' | 'properties' | 'credentials' | 'credentialId' | 'expiresAt' | 'buildStartedAt'
      >
    >,
  ): Promise<BuilderRecord | undefined>;
  /**
   * Takes back the mark of a build that started at `startedAt` and is known to have created
   * nothing; false (and nothing changed) when another build of the builder has marked it since.
   */
  clearBuildMark(workspaceId: string, id: string, startedAt: Date): Promise<boolean>;
  /**
   * Removes expired builders whose build never started (and nothing else); returns how many. One
   * whose build started may have left an external webhook behind: see {@link listAbandonedBuilds}.
   */
  deleteExpired(now: Date): Promise<number>;
  /**
   * Up to `limit` builders expired at `now` whose build started, oldest expiry first (then by id),
   * after `after` when given, so a caller can page past ones it could not clean up yet.
   */
  listAbandonedBuilds(
    now: Date,
    limit: number,
    after?: AbandonedBuildCursor,
  ): Promise<readonly BuilderRecord[]>;
  /** Removes one builder, whatever its state; false when it was gone already. */
  delete(id: string): Promise<boolean>;
}
