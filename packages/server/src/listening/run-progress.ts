import type { InternalEvents } from '../domain/internal-events.js';
import type { RunEndedListener } from '../queue/queue.js';
import type { RunProcessorOptions } from '../runs/run-processor.js';
import type { RunRecord } from '../store/workflow-records.js';

/**
 * Only runs of a draft can have a listener following them ("Run this step"); published runs are
 * read from the store. Announcing theirs too would cost an event per node per run, and with
 * Redis a message to every process, for nobody.
 */
function followable(run: RunRecord): boolean {
  return run.versionId === null;
}

/** The run processor's node hooks, announcing each node's start and end of a draft run as `run.progress`. */
export function runProgressHooks(
  events: InternalEvents,
): Required<Pick<RunProcessorOptions, 'onNode' | 'onNodeStarted'>> {
  return {
    onNodeStarted: (run, node) => {
      if (!followable(run)) return;
      events.emit('run.progress', {
        runId: run.id,
        workspaceId: run.workspaceId,
        node: { status: 'started', ...node },
      });
    },
    onNode: (run, trace) => {
      if (!followable(run)) return;
      events.emit('run.progress', { runId: run.id, workspaceId: run.workspaceId, node: trace });
    },
  };
}

/**
 * Announces each draft run's ending once the queue stored it, so a listener's stream that shows
 * the result and a reader who then asks for the run agree.
 */
export function announceRunEnded(events: InternalEvents): RunEndedListener {
  return (run, outcome) => {
    if (!followable(run)) return;
    events.emit('run.finished', {
      runId: run.id,
      workspaceId: run.workspaceId,
      status: outcome.status,
      outputs: outcome.outputs,
      error: outcome.error,
    });
  };
}
