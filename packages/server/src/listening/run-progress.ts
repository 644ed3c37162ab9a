import type { InternalEvents } from '../domain/internal-events.js';
import type { RunEndedListener } from '../queue/queue.js';
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

/**
 * Announces each run's ending once the queue stored it, so a listener's stream that shows the
 * result and a reader who then asks for the run agree.
 */
export function announceRunEnded(events: InternalEvents): RunEndedListener {
  return (run, outcome) => {
    events.emit('run.finished', {
      runId: run.id,
      workspaceId: run.workspaceId,
      status: outcome.status,
      outputs: outcome.outputs,
      error: outcome.error,
    });
  };
}
