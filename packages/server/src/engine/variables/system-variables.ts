/** The node id under which a run's system variables are read: `['sys', 'workflow_run_id']`. */
export const SYSTEM_NODE_ID = 'sys';
/** The node id under which a workflow's environment variables are read: `['env', 'API_URL']`. */
export const ENVIRONMENT_NODE_ID = 'env';
/** Node ids no workflow node may take, because the pool keeps them for itself. */
export const RESERVED_NODE_IDS: readonly string[] = [SYSTEM_NODE_ID, ENVIRONMENT_NODE_ID];

/** Dify's system variables that mean something for a workflow run in Tripline. */
export const SYSTEM_VARIABLE_NAMES = [
  'workflow_id',
  'workflow_run_id',
  'app_id',
  'user_id',
  'timestamp',
  'invoke_from',
] as const;
export type SystemVariableName = (typeof SYSTEM_VARIABLE_NAMES)[number];

/** What started a run, as Dify's `sys.invoke_from` names it. */
export type InvokeFrom = 'trigger' | 'webhook' | 'schedule' | 'debugger' | 'service-api';

export interface SystemVariables {
  readonly workflow_id: string;
  readonly workflow_run_id: string;
  /** Dify's app id; a Tripline workflow is its own app, so this is the workflow id. */
  readonly app_id: string;
  /** The member who started the run by hand; absent for triggered runs. */
  readonly user_id?: string;
  /** Seconds since the epoch when the run started. */
  readonly timestamp: number;
  readonly invoke_from: InvokeFrom;
}

export interface SystemVariablesInput {
  readonly workflowId: string;
  readonly runId: string;
  readonly startedAtMs: number;
  readonly invokeFrom: InvokeFrom;
  readonly userId?: string;
}

/** Builds the `sys` variables of one run. */
export function systemVariables(input: SystemVariablesInput): SystemVariables {
  return {
    workflow_id: input.workflowId,
    workflow_run_id: input.runId,
    app_id: input.workflowId,
    ...(input.userId === undefined ? {} : { user_id: input.userId }),
    timestamp: Math.floor(input.startedAtMs / 1000),
    invoke_from: input.invokeFrom,
  };
}
