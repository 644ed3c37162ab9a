import type { OAuthClientRecord, OAuthConfirmationRecord, OAuthStateRecord } from '../records.js';

/** A workspace's own OAuth clients, one per integration. */
export interface OAuthClientRepository {
  get(workspaceId: string, integration: string): Promise<OAuthClientRecord | undefined>;
  /** Creates or replaces the workspace's client of that integration. */
  put(record: OAuthClientRecord): Promise<OAuthClientRecord>;
  delete(workspaceId: string, integration: string): Promise<boolean>;
}

/** OAuth authorizations in flight, between the redirect to the provider and its callback. */
export interface OAuthStateRepository {
  insert(record: OAuthStateRecord): Promise<void>;
  /**
   * Deletes the state and returns it, atomically, so a state works once even when two callbacks
   * race. Returns it even if expired (the caller says so); undefined when unknown or used.
   */
  consume(id: string): Promise<OAuthStateRecord | undefined>;
  deleteExpired(now: Date): Promise<number>;
}

/** Authorizations the provider finished, waiting for the member who started them to confirm. */
export interface OAuthConfirmationRepository {
  insert(record: OAuthConfirmationRecord): Promise<void>;
  /**
   * Deletes the confirmation and returns it, atomically, so it works once even when two requests
   * race. Returns it even if expired (the caller says so); undefined when unknown or used.
   */
  consume(id: string): Promise<OAuthConfirmationRecord | undefined>;
  deleteExpired(now: Date): Promise<number>;
}
