import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerSandbox } from './worker-sandbox.js';

const sandbox = createWorkerSandbox({ maxWorkers: 1, killGraceMs: 200 });
afterAll(() => sandbox.close());

const BOMB = 'function main() { const kept = []; while (true) kept.push(new Uint8Array(1 << 20)); }';

function main(source: string) {
  return sandbox.run({
    scripts: [{ filename: 'main.js', source }],
    entry: 'main',
    input: {},
    limits: { memoryBytes: 16 * 1024 * 1024 },
  });
}

describe('WorkerSandbox over its memory limit', () => {
  let written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  beforeEach(() => {
    written = [];
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
  });

  it('drops the exhausted engine quietly: no assertion from freeing it, and the next calls run', async () => {
    const failed = { ok: false, reason: 'memory', message: 'stopped: over the memory limit of 16 MiB' };
    expect(await main(BOMB)).toEqual(failed);
    expect(await main(BOMB)).toEqual(failed);
    expect(await main('function main() { return new Uint8Array(1 << 20).length; }')).toEqual({
      ok: true,
      value: 1 << 20,
    });
    // What a thread writes reaches this process's stderr a moment later.
    await sleep(200);
    expect(written.join('')).not.toMatch(/Aborted|Assertion failed/);
  });

  it('rebuilds a warm scope whose engine ran out of memory, quietly', async () => {
    const warm = (input: { megabytes: number }) =>
      sandbox.run({
        scripts: [
          {
            filename: 'lib.js',
            source:
              'function main({ megabytes }) { const kept = []; for (let i = 0; i < megabytes; i++) kept.push(new Uint8Array(1 << 20)); return kept.length; }',
          },
        ],
        entry: 'main',
        input,
        limits: { memoryBytes: 16 * 1024 * 1024 },
        reuse: { key: 'allocator' },
      });
    expect(await warm({ megabytes: 2 })).toEqual({ ok: true, value: 2 });
    expect(await warm({ megabytes: 64 })).toMatchObject({ ok: false, reason: 'memory' });
    expect(await warm({ megabytes: 3 })).toEqual({ ok: true, value: 3 });
    await sleep(200);
    expect(written.join('')).not.toMatch(/Aborted|Assertion failed/);
  });
});
