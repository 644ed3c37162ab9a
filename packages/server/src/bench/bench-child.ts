import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** What a benchmark server tells the runner once it listens. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly port: number;
  /** Endpoint ids to send to (the bare server ignores the path). */
  readonly endpoints: readonly string[];
}

/** Diagnostics a server may answer with after a run. */
export interface StatsMessage {
  readonly type: 'stats';
  readonly stats: Readonly<Record<string, unknown>>;
}

/** In a server child: on the runner's SIGTERM, `stop` (close, clean up), then exit 0, or 1 if it failed. */
export function exitOnSigterm(stop: () => Promise<void>): void {
  process.once('SIGTERM', () => {
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

/** In a server child: announce the port to the runner. */
export function reportReady(ready: Omit<ReadyMessage, 'type'>): void {
  process.send?.({ type: 'ready', ...ready } satisfies ReadyMessage);
}

const running = new Set<ChildProcess>();
// Whatever ends the runner (a failed run, Ctrl-C), its servers end with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** In the runner: a server child started from this folder, and its ready message. */
export async function startChild(
  script: string,
  env: Readonly<Record<string, string>> = {},
): Promise<{ readonly child: ChildProcess; readonly ready: ReadyMessage }> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = fork(file, [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)));
    child.on('message', (message: ReadyMessage) => {
      if (message.type === 'ready') resolve(message);
    });
  });
  return { child, ready };
}

/** Asks a child for its diagnostics; undefined when it has none. */
export async function askStats(
  child: ChildProcess,
  request: string,
): Promise<StatsMessage['stats'] | undefined> {
  child.send({ type: request });
  const reply = await Promise.race([
    new Promise<StatsMessage>((resolve) => {
      const onMessage = (message: StatsMessage) => {
        if (message.type === 'stats') {
          child.off('message', onMessage);
          resolve(message);
        }
      };
      child.on('message', onMessage);
    }),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000).unref()),
  ]);
  return reply?.stats;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
