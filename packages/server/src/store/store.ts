import type { ParameterValues } from '@tripline/sdk';
import type { BuilderRepository } from './ports/builder-repository.js';
import type { CredentialRepository } from './ports/credential-repository.js';
import type { DeliveryWriter } from './ports/delivery-writer.js';
import type {
  OAuthClientRepository,
  OAuthConfirmationRepository,
  OAuthStateRepository,
} from './ports/oauth-repositories.js';
import type { RequestLogRepository } from './ports/request-log-repository.js';
import type { RunRepository } from './ports/run-repository.js';
import type { ScheduleRepository } from './ports/schedule-repository.js';
import type { SealedValueRepository } from './ports/sealed-value-repository.js';
import type { SubscriptionRepository } from './ports/subscription-repository.js';
import type { TriggerLinkRepository } from './ports/trigger-link-repository.js';
import type { WorkflowRepository } from './ports/workflow-repository.js';
import type { WorkspaceRepository } from './ports/workspace-repository.js';

/**
 * The store port. Every method that takes a `workspaceId` confines itself to that workspace:
 * a row of another workspace is "not found", never returned. Adapters: store/sqlite (default)
 * and store/postgres; one contract suite (store.contract.ts) runs against both.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly workspaces: WorkspaceRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly builders: BuilderRepository;
  readonly requestLogs: RequestLogRepository;
  readonly workflows: WorkflowRepository;
  readonly triggerLinks: TriggerLinkRepository;
  readonly runs: RunRepository;
  readonly schedules: ScheduleRepository;
  readonly oauthClients: OAuthClientRepository;
  readonly oauthStates: OAuthStateRepository;
  readonly oauthConfirmations: OAuthConfirmationRepository;
  readonly credentials: CredentialRepository;
  readonly sealedValues: SealedValueRepository;
  /** The ingress's group-commit writer: resolves only once the row is durable. */
  readonly deliveries: DeliveryWriter;
  /** Applies pending numbered migrations; returns the names applied. */
  migrate(): Promise<readonly string[]>;
  /** Is the database answering? For /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// The repository ports live in ports/, one per file; the store's types are imported from here.
export type { BuilderRepository } from './ports/builder-repository.js';
export type { CredentialRepository } from './ports/credential-repository.js';
export type { DeliveryReceipt, DeliveryWriter } from './ports/delivery-writer.js';
export type {
  OAuthClientRepository,
  OAuthConfirmationRepository,
  OAuthStateRepository,
} from './ports/oauth-repositories.js';
export type { RequestLogQuery, RequestLogRepository } from './ports/request-log-repository.js';
export type { RunListQuery, RunRepository } from './ports/run-repository.js';
export type { ScheduleRepository } from './ports/schedule-repository.js';
export type { SealedValueRepository } from './ports/sealed-value-repository.js';
export type { SubscriptionRepository } from './ports/subscription-repository.js';
export type { TriggerLinkRepository } from './ports/trigger-link-repository.js';
export type { WorkflowRepository } from './ports/workflow-repository.js';
export type {
  NewWorkspaceWithOwner,
  WorkspaceBootstrap,
  WorkspaceRepository,
} from './ports/workspace-repository.js';
export type { ParameterValues };
