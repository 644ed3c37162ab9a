import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxRequest } from './script-sandbox.js';
import { createWorkerSandbox } from './worker-sandbox.js';

describe('WorkerSandbox with a reused scope', () => {
  const single = createWorkerSandbox({ maxWorkers: 1, killGraceMs: 200 });
  const budgeted = createWorkerSandbox({ maxWorkers: 1, maxCallsPerScope: 3 });
  afterAll(() => budgeted.close());
  afterAll(() => single.close());
  const setup = `
    var stamp = Math.random();
    var config = { count: 0, list: [1] };
    function main(input) {
      'use strict';
      if (input.probe) {
        return {
          stamp: stamp,
          leak: typeof leak,
          shout: typeof ''.shout,
          count: config.count,
          list: config.list.length,
          push: [].push === Array.prototype.push && Array.prototype.push.name,
          parse: JSON.parse('[1]').length,
          registry: typeof FinalizationRegistry,
          lexical: typeof leakLet + typeof LeakClass,
        };
      }
      if (input.loop) for (;;) {}
      if (input.throws) throw new Error('boom');
      (0, eval)('let leakLet = 1; class LeakClass {}');
      var attempts = [
        function () { globalThis.leak = 1; },
        function () { String.prototype.shout = function () {}; },
        function () { config.count += 1; },
        function () { config.list.push(2); },
        function () { Array.prototype.push = function () { return 0; }; },
        function () { JSON.parse = function () { return []; }; },
        function () { Object.defineProperty(globalThis, 'leak', { value: 1 }); },
        function () { (0, eval)('var leak = 1'); },
      ];
      return attempts.map(function (attempt) {
        try { attempt(); return 'changed'; } catch (e) { return e.name; }
      });
    }`;
  const reused = (
    input: unknown,
    limits: SandboxRequest['limits'] = {},
    scripts = setup,
    key = 'probe',
    sandbox = single,
  ) =>
    sandbox.run({
      scripts: [{ filename: 'setup.js', source: scripts }],
      entry: 'main',
      input,
      limits,
      reuse: { key },
    });

  it('runs the setup once and keeps its scope for later calls', async () => {
    const first = await reused({ probe: true });
    const second = await reused({ probe: true });
    expect(first).toMatchObject({ ok: true, value: { stamp: expect.any(Number) } });
    expect(second).toEqual(first);
  });

  it('freezes the scope, so a call can change nothing the next call sees', async () => {
    const attempt = await reused({});
    expect(attempt).toEqual({ ok: true, value: Array(8).fill('TypeError') });
    expect(await reused({ probe: true })).toMatchObject({
      ok: true,
      value: {
        leak: 'undefined',
        shout: 'undefined',
        count: 0,
        list: 1,
        push: 'push',
        parse: 1,
        registry: 'undefined',
        lexical: 'undefinedundefined',
      },
    });
  });

  it('keeps the scope after a thrown error and rebuilds it after a limit', async () => {
    const before = await reused({ probe: true });
    expect(await reused({ throws: true })).toMatchObject({ ok: false, reason: 'error' });
    expect(await reused({ probe: true })).toEqual(before);
    expect(await reused({ loop: true }, { timeoutMs: 200 })).toMatchObject({ ok: false, reason: 'timeout' });
    const after = await reused({ probe: true });
    expect(after).toMatchObject({ ok: true, value: { count: 0 } });
    expect(after).not.toEqual(before);
  });

  it('rebuilds the scope after its call budget', async () => {
    const stamps = new Set<unknown>();
    for (let i = 0; i < 12; i++) {
      const result = await reused({ probe: true }, {}, setup, 'probe', budgeted);
      if (result.ok) stamps.add((result.value as { stamp: number }).stamp);
    }
    expect(stamps.size).toBe(4);
  });

  it('lets new objects override properties of frozen prototypes', async () => {
    const source = `function main() {
      var error = new Error('x'); error.name = 'Custom'; error.toString = function () { return 'own'; };
      function Point() { this.constructor = 'own'; } var point = new Point();
      return [String(error), error.name, point.constructor, Error.prototype.name];
    }`;
    expect(await reused({}, {}, source, 'override')).toEqual({
      ok: true,
      value: ['own', 'Custom', 'own', 'Error'],
    });
  });

  it('refuses a scope that holds a collection freezing cannot protect', async () => {
    const result = await reused({}, {}, 'var cache = new Map(); function main() { return 1; }', 'map');
    expect(result).toMatchObject({
      ok: false,
      reason: 'error',
      message: expect.stringContaining('holds a Map'),
    });
  });
});
