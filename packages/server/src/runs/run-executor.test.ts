import { fixedClock } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { edge, end, graph, node } from '../engine/graph/graph-builders.test-helpers.js';
import type { NodeDefinition } from '../engine/nodes/node-definition.js';
import { getNodeDefinition } from '../engine/nodes/node-registry.js';
import { silentLogger, testContext } from '../engine/nodes/node-test-kit.test-helpers.js';
import { systemVariables } from '../engine/variables/system-variables.js';
import type { NodeType, WorkflowGraph } from '../engine/workflow-graph.js';
import { RunExecutor, type RunExecutorOptions } from './run-executor.js';

const clock = fixedClock(Date.parse('2026-03-02T10:00:00Z'));
const system = systemVariables({
  workflowId: 'wf',
  runId: 'run',
  startedAtMs: clock.now(),
  invokeFrom: 'debugger',
});

function executor(overrides: Partial<RunExecutorOptions> = {}): RunExecutor {
  const context = testContext();
  return new RunExecutor({
    definitions: getNodeDefinition,
    clock,
    logger: silentLogger,
    fetch: context.fetch,
    sandbox: context.sandbox,
    ...overrides,
  });
}

const start = node('start', 'start', {
  variables: [{ variable: 'n', label: 'N', type: 'number', required: true }],
});

/** start -> if n > 5 -> big (end) | else -> small (end). */
const branching: WorkflowGraph = graph(
  [
    start,
    node('check', 'if-else', {
      cases: [
        {
          case_id: 'true',
          logical_operator: 'and',
          conditions: [{ variable_selector: ['start', 'n'], comparison_operator: '>', value: '5' }],
        },
      ],
    }),
    end('big', ['start', 'n'], ['sys', 'workflow_run_id']),
    end('small', ['start', 'n']),
  ],
  [edge('start', 'check'), edge('check', 'big', 'true'), edge('check', 'small', 'false')],
);

describe('RunExecutor', () => {
  it('follows the branch the if-else chose and skips the other', async () => {
    const result = await executor().execute({
      graph: branching,
      triggerNodeId: 'start',
      triggerInput: { n: 7 },
      system,
      environment: {},
    });
    expect(result).toMatchObject({ status: 'succeeded', outputs: { out0: 7, out1: 'run' }, error: null });
    expect(result.trace.map((entry) => [entry.nodeId, entry.status, entry.branch])).toEqual([
      ['start', 'succeeded', undefined],
      ['check', 'succeeded', 'true'],
      ['big', 'succeeded', undefined],
      ['small', 'skipped', undefined],
    ]);
    const other = await executor().execute({
      graph: branching,
      triggerNodeId: 'start',
      triggerInput: { n: 2 },
      system,
      environment: {},
    });
    expect(other.outputs).toEqual({ out0: 2 });
    expect(other.trace.find((entry) => entry.nodeId === 'big')?.status).toBe('skipped');
  });

  it('runs only what the trigger reaches; the aggregator takes the first input that ran', async () => {
    const twoTriggers = graph(
      [
        node('a', 'trigger-webhook', { method: 'post', content_type: 'application/json' }),
        node('b', 'trigger-webhook', { method: 'post', content_type: 'application/json' }),
        node('join', 'variable-aggregator', {
          variables: [
            ['a', 'x'],
            ['b', 'x'],
          ],
          output_type: 'string',
        }),
        end('out', ['join', 'output']),
      ],
      [edge('a', 'join'), edge('b', 'join'), edge('join', 'out')],
    );
    const definitions = (type: NodeType): NodeDefinition =>
      type === 'trigger-webhook'
        ? {
            ...getNodeDefinition(type),
            parse: (data) => ({ ok: true, data }),
            execute: async ({ triggerInput = {} }) => ({
              status: 'succeeded',
              inputs: {},
              outputs: triggerInput,
            }),
          }
        : getNodeDefinition(type);
    const result = await executor({ definitions }).execute({
      graph: twoTriggers,
      triggerNodeId: 'b',
      triggerInput: { x: 'from b' },
      system,
      environment: {},
    });
    expect(result.outputs).toEqual({ out0: 'from b' });
    expect(result.trace.map((entry) => entry.nodeId)).toEqual(['b', 'join', 'out']);
  });

  it('fails the run at the first failing node, naming it, and runs nothing after', async () => {
    const result = await executor().execute({
      graph: branching,
      triggerNodeId: 'start',
      triggerInput: {},
      system,
      environment: {},
    });
    expect(result.status).toBe('failed');
    expect(result.outputs).toBeNull();
    expect(result.error).toMatch(/^node "start" \(start, "start"\) failed: .*n/);
    expect(result.trace.map((entry) => [entry.nodeId, entry.status])).toEqual([['start', 'failed']]);
  });

  it('fails a node whose definition throws, and a trigger that is not an entry node', async () => {
    const throwing = (type: NodeType): NodeDefinition =>
      type === 'if-else'
        ? {
            ...getNodeDefinition(type),
            execute: async () => {
              throw new Error('boom');
            },
          }
        : getNodeDefinition(type);
    const thrown = await executor({ definitions: throwing }).execute({
      graph: branching,
      triggerNodeId: 'start',
      triggerInput: { n: 1 },
      system,
      environment: {},
    });
    expect(thrown).toMatchObject({ status: 'failed', error: expect.stringContaining('boom') });
    const notEntry = await executor().execute({
      graph: branching,
      triggerNodeId: 'check',
      triggerInput: {},
      system,
      environment: {},
    });
    expect(notEntry).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('"check"'),
      trace: [],
    });
  });

  it('stops before the next node once aborted', async () => {
    const controller = new AbortController();
    const result = await executor().execute({
      graph: branching,
      triggerNodeId: 'start',
      triggerInput: { n: 9 },
      system,
      environment: {},
      signal: controller.signal,
      onNode: () => controller.abort(),
    });
    expect(result).toMatchObject({ status: 'failed', error: 'the run was stopped before node "check"' });
    expect(result.trace).toHaveLength(1);
  });

  it('plans a graph with a cache key once per trigger, and a graph without one every run', async () => {
    const parsed: string[] = [];
    const definitions = (type: NodeType): NodeDefinition => {
      const definition = getNodeDefinition(type);
      return {
        ...definition,
        parse: (data, path) => {
          parsed.push(path);
          return definition.parse(data, path);
        },
      };
    };
    const cached = executor({ definitions });
    const input = { graph: branching, triggerNodeId: 'start', system, environment: {} };
    const first = await cached.execute({ ...input, cacheKey: 'version-1', triggerInput: { n: 7 } });
    const second = await cached.execute({ ...input, cacheKey: 'version-1', triggerInput: { n: 2 } });
    expect([first.outputs, second.outputs]).toEqual([{ out0: 7, out1: 'run' }, { out0: 2 }]);
    // start, check, big, then small (only the second run reached it): each parsed once.
    expect(parsed).toHaveLength(4);
    await cached.execute({ ...input, triggerInput: { n: 7 } });
    expect(parsed).toHaveLength(7);
  });

  it('does not keep a plan that failed, and fails each run asking for it', async () => {
    const cached = executor();
    const input = { graph: branching, triggerNodeId: 'check', system, environment: {}, triggerInput: {} };
    for (let i = 0; i < 2; i += 1) {
      const result = await cached.execute({ ...input, cacheKey: 'version-1' });
      expect(result).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/not a start or trigger/),
      });
    }
  });
});
