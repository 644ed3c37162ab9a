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
  created_by: string;
  created_at: number;
  expires_at: number;
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
}

/** Names both migrations give to constraints the adapters recognise in errors. */
export const SUBSCRIPTION_NAME_UNIQUE = 'subscriptions_name_unique';
