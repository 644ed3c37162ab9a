import { fixedClock, type Logger } from '@tripline/sdk';
import { RunVariablePool } from '../variables/variable-pool.js';
import type { NodeType, WorkflowNode } from '../workflow-graph.js';
import type { GuardedFetch, NodeContext, NodeDefinition, NodeExecutionResult } from './node-definition.js';
import type { ScriptSandbox } from './sandbox/script-sandbox.js';

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const refusingFetch: GuardedFetch = async (url) => {
  throw new Error(`no network in this test (asked for ${url})`);
};

const refusingSandbox: ScriptSandbox = {
  run: async () => ({ ok: false, reason: 'error', message: 'no sandbox in this test' }),
};

export const TEST_START_MS = Date.parse('2026-03-02T10:00:00Z');

export function testContext(overrides: Partial<NodeContext> = {}): NodeContext {
  return {
    clock: fixedClock(TEST_START_MS),
    logger: silentLogger,
    signal: new AbortController().signal,
    fetch: refusingFetch,
    sandbox: refusingSandbox,
    ...overrides,
  };
}

/** A pool holding the given node outputs, as if those nodes already ran. */
export function testPool(
  outputs: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): RunVariablePool {
  const pool = new RunVariablePool({
    system: {
      workflow_id: 'wf_1',
      workflow_run_id: 'run_1',
      app_id: 'wf_1',
      timestamp: TEST_START_MS / 1000,
      invoke_from: 'trigger',
    },
    environment: { API_BASE: 'https://api.example.com' },
  });
  for (const [nodeId, values] of Object.entries(outputs)) pool.set(nodeId, values);
  return pool;
}

/** Parses node data and fails the test with the problems when it does not parse. */
export function parsed<D>(definition: NodeDefinition<D>, data: Record<string, unknown>): D {
  const result = definition.parse({ type: definition.type, title: 'Node', ...data }, 'nodes[0]');
  if (!result.ok) throw new Error(`expected data to parse:\n${result.problems.join('\n')}`);
  return result.data;
}

/** The problems of node data that must not parse. */
export function problems<D>(definition: NodeDefinition<D>, data: Record<string, unknown>): readonly string[] {
  const result = definition.parse({ type: definition.type, title: 'Node', ...data }, 'nodes[0]');
  if (result.ok) throw new Error('expected data not to parse');
  return result.problems;
}

export interface RunOptions {
  readonly pool?: RunVariablePool;
  readonly context?: NodeContext;
  readonly triggerInput?: Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/** Parses data into a node and executes it. */
export function run<D>(
  definition: NodeDefinition<D>,
  data: Record<string, unknown>,
  options: RunOptions = {},
): Promise<NodeExecutionResult> {
  const node: WorkflowNode<D> = {
    id: options.id ?? 'node_1',
    type: definition.type as NodeType,
    data: { ...parsed(definition, data), type: definition.type, title: 'Node' },
  };
  return definition.execute({
    node,
    pool: options.pool ?? testPool(),
    context: options.context ?? testContext(),
    ...(options.triggerInput === undefined ? {} : { triggerInput: options.triggerInput }),
  });
}
