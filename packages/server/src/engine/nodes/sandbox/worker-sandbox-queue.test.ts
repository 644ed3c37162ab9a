import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxRequest } from './script-sandbox.js';
import { createWorkerSandbox } from './worker-sandbox.js';

describe('WorkerSandbox queueing', () => {
  const queued = createWorkerSandbox({ maxWorkers: 1, callsPerWorker: 4, killGraceMs: 100 });
  afterAll(() => queued.close());
  const call = (source: string, limits: SandboxRequest['limits'] = {}, signal?: AbortSignal) =>
    queued.run({
      scripts: [{ filename: 'main.js', source }],
      entry: 'main',
      input: {},
      limits,
      ...(signal === undefined ? {} : { signal }),
    });

  it('moves calls queued behind a killed call to a new thread', async () => {
    const stuck = call('function main() { for (;;) { "ab".repeat(5e6).lastIndexOf("zz"); } }', {
      timeoutMs: 200,
    });
    const after = [1, 2, 3].map((n) => call(`function main() { return ${n}; }`));
    expect(await stuck).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await Promise.all(after)).toEqual([1, 2, 3].map((value) => ({ ok: true, value })));
  });

  it('cancels a queued call without stopping the call ahead of it', async () => {
    const controller = new AbortController();
    const ahead = call('function main() { let x = 0; for (let i = 0; i < 3e5; i++) x += i; return x; }');
    const behind = call('function main() { return 1; }', {}, controller.signal);
    controller.abort();
    expect(await behind).toEqual({ ok: false, reason: 'cancelled', message: 'the run was cancelled' });
    expect(await ahead).toEqual({ ok: true, value: 44999850000 });
  });
});
