/**
 * The tables as both dialects hold them: times are epoch milliseconds (bigint, read back as
 * numbers), JSON is text, ids are text. Row types stay inside the adapters; the port speaks
 * records (records.ts).
 */
export interface Database {
  workspaces: WorkspacesTable;
  members: MembersTable;
  api_tokens: ApiTokensTable;
  subscription_builders: SubscriptionBuildersTable;
  subscriptions: SubscriptionsTable;
  request_logs: RequestLogsTable;
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  workflow_triggers: WorkflowTriggersTable;
  runs: RunsTable;
  schedule_fires: ScheduleFiresTable;
  oauth_clients: OAuthClientsTable;
  oauth_states: OAuthStatesTable;
  oauth_confirmations: OAuthConfirmationsTable;
  credentials: CredentialsTable;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
}

export interface MembersTable {
  id: string;
  workspace_id: string;
  name: string;
  role: string;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  member_id: string;
  token_hash: string;
  label: string;
  created_at: number;
  last_used_at: number | null;
}

export interface SubscriptionBuildersTable {
  id: string;
  workspace_id: string;
  integration: string;
  method: string;
  name: string | null;
  parameters: string;
  properties: string;
  credentials: string | null;
  /** Migration 000004. */
  credential_id: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  /** Migration 000007. */
  build_started_at: number | null;
}

export interface SubscriptionsTable {
  id: string;
  workspace_id: string;
  integration: string;
  name: string;
  method: string;
  parameters: string;
  properties: string;
  credentials: string | null;
  status: string;
  status_reason: string | null;
  expires_at: number | null;
  /** Migration 000004 (the next three too). */
  credential_id: string | null;
  next_check_at: number | null;
  check_failures: number;
  last_checked_at: number | null;
  /**
   * Migration 000005: the end of the lease on the subscription's check, or null. Never in a
   * record: only the claim and release statements read and write it.
   */
  check_lease_until?: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface RequestLogsTable {
  id: string;
  endpoint_id: string;
  workspace_id: string;
  integration: string;
  received_at: number;
  method: string;
  path: string;
  headers: string;
  body: Uint8Array | null;
  response_status: number;
  response_headers: string;
  response_body: string;
  delivery_id: string | null;
  events: string;
  outcome: string;
  reason: string | null;
  dispatch_state: string;
  dispatched_at: number | null;
  runs: string;
  replay_of: string | null;
  /** Migration 000002: what each trigger did with each event (JSON), once dispatched. */
  dispatch_results?: string | null;
}

export interface WorkflowsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  draft: string;
  draft_updated_at: number;
  published_version_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface WorkflowVersionsTable {
  id: string;
  workflow_id: string;
  workspace_id: string;
  version: number;
  document: string;
  created_by: string;
  created_at: number;
}

export interface WorkflowTriggersTable {
  workflow_id: string;
  node_id: string;
  workspace_id: string;
  version_id: string;
  node_type: string;
  title: string;
  integration: string | null;
  event: string | null;
  subscription_id: string | null;
  event_parameters: string;
  /** 1 or 0: one integer type in both dialects. */
  enabled: number;
}

export interface RunsTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  version_id: string | null;
  document: string | null;
  trigger_node_id: string;
  trigger: string;
  invoke_from: string;
  status: string;
  inputs: string;
  outputs: string | null;
  error: string | null;
  trace: string;
  attempt: number;
  retry_of: string | null;
  delivery_log_id: string | null;
  event_index: number | null;
  worker_id: string | null;
  heartbeat_at: number | null;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface ScheduleFiresTable {
  version_id: string;
  node_id: string;
  scheduled_at: number;
  workflow_id: string;
  workspace_id: string;
  run_id: string;
  created_at: number;
}

export interface OAuthClientsTable {
  workspace_id: string;
  integration: string;
  client: string;
  /** 1 or 0, like workflow_triggers.enabled. */
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface OAuthStatesTable {
  id: string;
  workspace_id: string;
  builder_id: string;
  member_id: string;
  integration: string;
  client_source: string;
  code_verifier: string | null;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
}

export interface CredentialsTable {
  id: string;
  workspace_id: string;
  integration: string;
  method: string;
  credentials: string;
  expires_at: number | null;
  client_source: string;
  status: string;
  status_reason: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  /** Migration 000005 (the next one too). */
  refresh_failures: number;
  next_refresh_at: number | null;
}

/** Migration 000005. */
export interface OAuthConfirmationsTable {
  id: string;
  workspace_id: string;
  builder_id: string;
  member_id: string;
  integration: string;
  client_source: string;
  tokens: string;
  tokens_expire_at: number | null;
  created_at: number;
  expires_at: number;
}

/** Names both migrations give to constraints the adapters recognise in errors. */
export const SUBSCRIPTION_NAME_UNIQUE = 'subscriptions_name_unique';
