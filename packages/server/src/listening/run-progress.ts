import type { InternalEvents } from '../domain/internal-events.js';
import type { RunHandler } from '../queue/queue.js';
import type { RunProcessorOptions } from '../runs/run-processor.js';

/** The run processor's node hooks, announcing each node's start and end as `run.progress`. */
export function runProgressHooks(
  events: InternalEvents,
): Required<Pick<RunProcessorOptions, 'onNode' | 'onNodeStarted'>> {
  return {
    onNodeStarted: (run, node) =>
      events.emit('run.progress', {
        runId: run.id,
        workspaceId: run.workspaceId,
        node: { status: 'started', ...node },
      }),
    onNode: (run, trace) =>
      events.emit('run.progress', { runId: run.id, workspaceId: run.workspaceId, node: trace }),
  };
}

/** A queue handler that announces how each run ended as `run.finished`. */
export function announceRunFinished(handler: RunHandler, events: InternalEvents): RunHandler {
  return async (run, signal) => {
    try {
      const outcome = await handler(run, signal);
      events.emit('run.finished', {
        runId: run.id,
        workspaceId: run.workspaceId,
        status: outcome.status,
        outputs: outcome.outputs,
        error: outcome.error,
      });
      return outcome;
    } catch (error) {
      events.emit('run.finished', {
        runId: run.id,
        workspaceId: run.workspaceId,
        status: 'failed',
        outputs: null,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
}
