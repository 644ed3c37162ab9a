import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function tripline(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('tripline cli', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('migrate applies the migrations once, then says the database is up to date', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-cli-'));
    dirs.push(dataDir);
    const first = await tripline(['migrate'], { TRIPLINE_DATA_DIR: dataDir });
    expect(first.stdout).toMatch(/applied: 000001/);
    expect(statSync(path.join(dataDir, 'tripline.db')).size).toBeGreaterThan(0);
    const second = await tripline(['migrate'], { TRIPLINE_DATA_DIR: dataDir });
    expect(second.stdout).toContain('database is up to date');
  });

  it('refuses invalid configuration naming the variable and what it takes', async () => {
    const error = await tripline(['migrate'], { PORT: 'eighty' }).catch(
      (failure: { code: number; stderr: string }) => failure,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain(
      'PORT="eighty" must be a whole number from 0 to 65535',
    );
  });

  it('refuses an unknown command with the usage', async () => {
    const error = await tripline(['serv'], {}).catch((failure: { code: number; stderr: string }) => failure);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain('unknown command "serv"');
  });
});
