import { once } from 'node:events';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { NewWorkspaceWithOwner, WorkspaceBootstrap } from '../store.js';
import type { BootstrapContender } from '../workspace-bootstrap.contract.js';
import { SqliteStore } from './sqlite-store.js';
import { startSiblingWorker } from './start-sibling-worker.js';

/**
 * A thread that opens the SQLite file as another process would and, on `go`, calls
 * `bootstrapOnce` for each input at once. Its own thread, because waiting for SQLite's write lock
 * blocks the waiting thread: a second store in the test's thread would stall the first.
 */
export async function startSqliteBootstrapContender(file: string): Promise<BootstrapContender> {
  const worker = startSiblingWorker(import.meta.url, 'sqlite-bootstrap-contender.test-helpers', {
    workerData: { sqliteBootstrapContender: file },
  });
  const exited = once(worker, 'exit');
  const [ready] = (await once(worker, 'message')) as [string];
  if (ready !== 'ready') throw new Error(`the contender thread answered ${ready}`);
  return {
    async go(inputs) {
      worker.postMessage(inputs);
      const [results] = (await once(worker, 'message')) as [WorkspaceBootstrap[]];
      await exited;
      return results;
    },
  };
}

const file = (workerData as { sqliteBootstrapContender?: string } | null)?.sqliteBootstrapContender;
if (!isMainThread && parentPort && file !== undefined) {
  const port = parentPort;
  const store = new SqliteStore({ file });
  port.once('message', async (inputs: NewWorkspaceWithOwner[]) => {
    try {
      port.postMessage(await Promise.all(inputs.map((input) => store.workspaces.bootstrapOnce(input))));
    } finally {
      await store.close();
      port.close();
    }
  });
  port.postMessage('ready');
}
