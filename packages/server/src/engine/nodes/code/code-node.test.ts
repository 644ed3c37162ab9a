import { afterAll, describe, expect, it } from 'vitest';
import { parsed, problems, run, testContext, testPool } from '../node-test-kit.test-helpers.js';
import { createWorkerSandbox } from '../sandbox/worker-sandbox.js';
import { codeNode, createCodeNode } from './code-node.js';

const sandbox = createWorkerSandbox();
afterAll(() => sandbox.close());
const context = testContext({ sandbox });

const pool = testPool({
  trigger: {
    pull_request: {
      title: 'Fix cache',
      additions: 40,
      deletions: 12,
      labels: [{ name: 'bug' }, { name: 'p1' }],
    },
  },
});

const variables = [
  { variable: 'title', value_selector: ['trigger', 'pull_request', 'title'] },
  { variable: 'additions', value_selector: ['trigger', 'pull_request', 'additions'] },
  { variable: 'deletions', value_selector: ['trigger', 'pull_request', 'deletions'] },
  { variable: 'labels', value_selector: ['trigger', 'pull_request', 'labels'] },
];

function code(
  source: string,
  outputs: Record<string, unknown> = { result: { type: 'string' } },
  node = codeNode,
) {
  return run(node, { variables, code_language: 'javascript', code: source, outputs }, { pool, context });
}

describe('codeNode', () => {
  it('runs main with the mapped variables and checks its outputs', async () => {
    const result = await code(
      `function main({ title, additions, deletions, labels }) {
        return {
          summary: title.toUpperCase(),
          churn: additions + deletions,
          large: additions + deletions > 50,
          label_names: labels.map((label) => label.name),
          meta: { first: labels[0], count: labels.length },
        };
      }`,
      {
        summary: { type: 'string' },
        churn: { type: 'number' },
        large: { type: 'boolean' },
        label_names: { type: 'array[string]' },
        meta: { type: 'object', children: { first: { type: 'object' }, count: { type: 'number' } } },
      },
    );
    expect(result).toEqual({
      status: 'succeeded',
      inputs: expect.objectContaining({ title: 'Fix cache', additions: 40 }),
      outputs: {
        summary: 'FIX CACHE',
        churn: 52,
        large: true,
        label_names: ['bug', 'p1'],
        meta: { first: { name: 'bug' }, count: 2 },
      },
    });
  });

  it('allows an async main and null outputs', async () => {
    const result = await code('async function main() { return { result: await Promise.resolve(null) }; }');
    expect(result).toMatchObject({ status: 'succeeded', outputs: { result: null } });
  });

  it.each([
    ['function main() { return { result: 42 }; }', 'output "result" must be a string (got a number)'],
    ['function main() { return {}; }', 'output "result" is missing from what main returned'],
    [
      'function main() { return { result: "ok", extra: 1 }; }',
      'main returned "extra", which is not a declared output (declared: result)',
    ],
    ['function main() { return ["ok"]; }', 'main must return an object of outputs (got a list)'],
    [
      'function main({ title }) { return { result: title.nope.deeper }; }',
      expect.stringMatching(/^code failed: TypeError: .*\(at main\.js:1/),
    ],
    ['const answer = 42;', 'code failed: TypeError: main is not defined as a function'],
  ])('fails when the code does not fit: %s', async (source, error) => {
    expect(await code(source)).toMatchObject({ status: 'failed', error });
  });

  it('stops an endless loop within the time limit', async () => {
    const limited = createCodeNode({ limits: { timeoutMs: 500 } });
    const started = Date.now();
    const result = await code('function main() { while (true) {} }', undefined, limited);
    expect(result).toMatchObject({
      status: 'failed',
      error: 'code failed: stopped after the time limit of 500 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('stops a memory bomb at the memory limit', async () => {
    const result = await code(
      'function main() { const hoard = []; for (;;) hoard.push(new Array(1e5).fill("x".repeat(64))); }',
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: 'code failed: stopped: over the memory limit of 32 MiB',
    });
  });

  it('stops runaway recursion at the stack limit', async () => {
    const result = await code('function main() { return main(); }');
    expect(result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^code failed: stopped: over the stack limit/),
    });
  });

  it('has no process, file system, network or module loader', async () => {
    const result = await code(
      `async function main() {
        const found = [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof globalThis.Deno].join(',');
        const viaConstructor = globalThis.constructor.constructor('return typeof process')();
        let viaImport;
        try { await import('node:child_process'); viaImport = 'loaded'; } catch (error) { viaImport = error.name; }
        return { result: [found, viaConstructor, viaImport].join(' | ') };
      }`,
    );
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: { result: 'undefined,undefined,undefined,undefined,undefined | undefined | ReferenceError' },
    });
  });

  it('cannot change the objects it was given outside the sandbox', async () => {
    const result = await code(
      'function main({ labels }) { labels.push("hacked"); return { result: String(labels.length) }; }',
    );
    expect(result).toMatchObject({ outputs: { result: '3' } });
    expect(pool.get(['trigger', 'pull_request', 'labels'])).toHaveLength(2);
  });

  it('refuses python3 with a clear message', () => {
    expect(
      problems(codeNode, {
        variables: [],
        code_language: 'python3',
        code: 'def main():\n    return {}',
        outputs: {},
      }),
    ).toEqual([
      'nodes[0]: code_language python3 is not supported: Tripline runs JavaScript only (code_language: javascript)',
    ]);
  });

  it('refuses bad outputs with their paths and allowed types', () => {
    expect(
      problems(codeNode, {
        code_language: 'javascript',
        code: 'function main() {}',
        outputs: {
          a: { type: 'array[file]' },
          'b-c': { type: 'string' },
          d: { type: 'object', children: { e: { type: 'date' } } },
        },
      }),
    ).toEqual([
      'nodes[0]: outputs.a.type must be one of string, number, boolean, object, array[string], array[number], array[boolean], array[object] (got "array[file]")',
      'nodes[0]: outputs.b-c is not a valid output name: use letters, digits and underscores, not starting with a digit',
      'nodes[0]: outputs.d.children.e.type must be one of string, number, boolean, object, array[string], array[number], array[boolean], array[object] (got "date")',
    ]);
  });

  it('declares its outputs and reads its mapped selectors', () => {
    const data = parsed(codeNode, {
      variables,
      code_language: 'javascript',
      code: 'function main() {}',
      outputs: { x: { type: 'number' } },
    });
    expect(codeNode.outputNames(data)).toEqual(['x']);
    expect(codeNode.references(data)).toHaveLength(4);
  });
});
