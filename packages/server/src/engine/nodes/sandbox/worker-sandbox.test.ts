import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxRequest } from './script-sandbox.js';
import { createWorkerSandbox } from './worker-sandbox.js';

const sandbox = createWorkerSandbox({ maxWorkers: 2, killGraceMs: 200 });
afterAll(() => sandbox.close());

function main(source: string, input: unknown = {}, limits: SandboxRequest['limits'] = {}) {
  return sandbox.run({ scripts: [{ filename: 'main.js', source }], entry: 'main', input, limits });
}

describe('WorkerSandbox', () => {
  it('calls the entry function with the input and returns its result', async () => {
    const result = await main('function main({ a, b }) { return { sum: a + b, list: [a, b] }; }', {
      a: 2,
      b: 3,
    });
    expect(result).toEqual({ ok: true, value: { sum: 5, list: [2, 3] } });
  });

  it('waits for an async entry function', async () => {
    const result = await main(
      'async function main({ a }) { const x = await Promise.resolve(a * 2); return { x }; }',
      {
        a: 21,
      },
    );
    expect(result).toEqual({ ok: true, value: { x: 42 } });
  });

  it('reports a thrown error with its location', async () => {
    const result = await main('function main() {\n  throw new TypeError("bad input");\n}');
    expect(result).toEqual({
      ok: false,
      reason: 'error',
      message: expect.stringMatching(/^TypeError: bad input \(at main\.js:2/),
    });
  });

  it('reports a missing entry function', async () => {
    const result = await main('const x = 1;');
    expect(result).toMatchObject({
      ok: false,
      reason: 'error',
      message: expect.stringMatching(/^TypeError: main is not defined as a function/),
    });
  });

  it('offers no process, module loader, network, timers or host globals', async () => {
    const result = await main(`function main() {
      const escapes = {};
      try { escapes.viaConstructor = globalThis.constructor.constructor('return typeof process')(); } catch (e) { escapes.viaConstructor = 'threw ' + e.name; }
      try { escapes.viaFunction = Function('return typeof this.process + typeof this.require')(); } catch (e) { escapes.viaFunction = 'threw'; }
      try { escapes.viaPrototype = ({}).__proto__.constructor.constructor('return typeof require')(); } catch (e) { escapes.viaPrototype = 'threw'; }
      return {
        types: [typeof process, typeof require, typeof module, typeof fetch, typeof XMLHttpRequest, typeof setTimeout,
          typeof WebAssembly, typeof std, typeof os, typeof Deno, typeof Bun],
        escapes,
      };
    }`);
    expect(result).toEqual({
      ok: true,
      value: {
        types: Array(11).fill('undefined'),
        escapes: {
          viaConstructor: 'undefined',
          viaFunction: 'undefinedundefined',
          viaPrototype: 'undefined',
        },
      },
    });
  });

  it('cannot import modules', async () => {
    const result = await main(`async function main() {
      try { await import('node:fs'); return { loaded: true }; } catch (e) { return { loaded: false, error: String(e) }; }
    }`);
    expect(result).toMatchObject({ ok: true, value: { loaded: false } });
  });

  it('stops an endless loop at the time limit, even one that catches errors', async () => {
    const started = Date.now();
    const result = await main(
      'function main() { for (;;) { try { while (true) {} } catch (e) {} } }',
      {},
      { timeoutMs: 300 },
    );
    expect(result).toEqual({
      ok: false,
      reason: 'timeout',
      message: 'stopped after the time limit of 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('kills a thread stuck in long native calls and keeps serving', async () => {
    const started = Date.now();
    const result = await main(
      'function main() { let n = 0; for (let i = 0; i < 1000; i++) { n += "ab".repeat(5e6).lastIndexOf("zz"); } return n; }',
      {},
      { timeoutMs: 300 },
    );
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await main('function main() { return 1; }')).toEqual({ ok: true, value: 1 });
  });

  it('stops a memory bomb at the memory limit', async () => {
    const result = await main(
      'function main() { const kept = []; while (true) kept.push(new Uint8Array(1 << 20)); }',
      {},
      {
        memoryBytes: 16 * 1024 * 1024,
      },
    );
    expect(result).toEqual({
      ok: false,
      reason: 'memory',
      message: 'stopped: over the memory limit of 16 MiB',
    });
    expect(await main('function main() { return new Uint8Array(1 << 20).length; }')).toEqual({
      ok: true,
      value: 1 << 20,
    });
  });

  it('stops a single allocation over the memory limit', async () => {
    const result = await main('function main() { return new ArrayBuffer(256 * 1024 * 1024).byteLength; }');
    expect(result).toMatchObject({ ok: false, reason: 'memory' });
  });

  it.each([
    ['plain recursion', 'function f() { return f() + 1; } function main() { return f(); }'],
    [
      'recursion with many arguments',
      'function f(a, b, c, d, e) { return f(a, b, c, d, e) + 1; } function main() { return f(1, 2, 3, 4, 5); }',
    ],
    [
      'recursion through native calls',
      'function f(x) { return [x].map(f); } function main() { return f(1); }',
    ],
    [
      'parsing a deeply nested value',
      'function main() { return JSON.parse("[".repeat(1e5) + "]".repeat(1e5)); }',
    ],
  ])('stops %s at the stack limit', async (_name, source) => {
    const result = await main(source);
    expect(result).toMatchObject({ ok: false, reason: 'stack' });
  });

  it('refuses a result over the size limit', async () => {
    const result = await main('function main() { return "x".repeat(5000); }', {}, { maxResultChars: 1000 });
    expect(result).toEqual({
      ok: false,
      reason: 'result-too-large',
      message: 'the result is 5002 characters of JSON, over the limit of 1000',
    });
  });

  it('starts every call in a fresh global scope', async () => {
    await main(
      'globalThis.leak = 1; String.prototype.shout = function () { return 1; }; function main() { return 0; }',
    );
    const result = await main('function main() { return [typeof leak, typeof "".shout]; }');
    expect(result).toEqual({ ok: true, value: ['undefined', 'undefined'] });
  });

  it('runs calls in parallel up to its thread count', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        main('function main({ n }) { let x = 0; for (let i = 0; i < 1e5; i++) x += n; return x; }', { n }),
      ),
    );
    expect(results).toEqual([1e5, 2e5, 3e5].map((value) => ({ ok: true, value })));
  });

  it('stops a call when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = sandbox.run({
      scripts: [{ filename: 'main.js', source: 'function main() { while (true) {} }' }],
      entry: 'main',
      input: {},
      limits: { timeoutMs: 10_000 },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toEqual({ ok: false, reason: 'cancelled', message: 'the run was cancelled' });
  });
});
