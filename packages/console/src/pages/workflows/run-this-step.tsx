import { Link } from '../../app/router.js';
import { formatDuration, formatTime } from './format-time.js';
import { RunStatusBadge } from './runs/run-status-badge.js';
import { isListenActive, type Listening, type ListenPhase, type NodeProgress } from './use-listener.js';
import { WorkflowError } from './workflow-error.js';

const WAITING_HINT: Record<string, string> = {
  'trigger-plugin':
    'Send an event of this kind to the subscription: the next one that passes the filters runs the draft.',
  'trigger-webhook': 'Call the debug URL: the next request runs the draft.',
  'trigger-schedule': 'A schedule trigger runs the draft at once.',
};

const STOP_LABEL: Partial<Record<ListenPhase, string>> = {
  running: 'Stop following',
  stopping: 'Stopping…',
};

/**
 * "Run this step" on a draft trigger: listen for its next event, then show the event, each
 * node's progress and the run's result as the server streams them.
 */
export function RunThisStep({
  nodeId,
  nodeType,
  listening,
  blockedBy,
}: {
  readonly nodeId: string;
  readonly nodeType: string;
  readonly listening: Listening;
  /** Why it cannot start now (unsaved changes), if so. */
  readonly blockedBy?: string;
}) {
  const { state } = listening;
  const mine = state.nodeId === nodeId;
  const active = isListenActive(state.phase);
  return (
    <section className="run-this-step" aria-label="Run this step">
      <h3>Run this step</h3>
      <div className="row">
        {mine && active ? (
          <button
            type="button"
            className="secondary"
            onClick={listening.stop}
            disabled={state.phase === 'stopping'}
          >
            {STOP_LABEL[state.phase] ?? 'Stop listening'}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => listening.start(nodeId)}
            disabled={blockedBy !== undefined || (active && !mine)}
          >
            {mine && state.phase !== 'idle' ? 'Run this step again' : 'Run this step'}
          </button>
        )}
        {blockedBy ? <span className="muted">{blockedBy}</span> : null}
        {active && !mine ? <span className="muted">Another trigger is listening.</span> : null}
      </div>
      {mine ? <ListenProgress listening={listening} nodeType={nodeType} /> : null}
    </section>
  );
}

function ListenProgress({
  listening,
  nodeType,
}: {
  readonly listening: Listening;
  readonly nodeType: string;
}) {
  const { state } = listening;
  return (
    <div className="listen-progress">
      {state.phase === 'starting' ? <p className="muted">Asking the server to listen…</p> : null}
      {state.phase === 'listening' ? (
        <p className="listening" role="status">
          Listening… (expires at {formatTime(state.expiresAt)})
          <br />
          <span className="muted">{WAITING_HINT[nodeType] ?? ''}</span>
        </p>
      ) : null}
      {state.phase === 'expired' ? (
        <p role="status">No event came before {formatTime(state.expiresAt)}; listening has ended.</p>
      ) : null}
      {state.phase === 'stopped' ? (
        <p role="status" className="muted">
          {state.runId
            ? 'Stopped following the run; it goes on on the server.'
            : 'Stopped listening: the server no longer waits, and an event sent now runs nothing.'}
        </p>
      ) : null}
      {state.phase === 'error' ? <WorkflowError error={state.error} /> : null}
      {state.event !== undefined ? (
        <>
          <h4>Captured event</h4>
          <pre className="captured-event">{JSON.stringify(state.event, null, 2)}</pre>
        </>
      ) : null}
      {state.nodes.length > 0 ? <NodeProgressTable nodes={state.nodes} /> : null}
      {state.phase === 'succeeded' || state.phase === 'failed' ? (
        <div className="listen-result" role="status">
          <div className="row">
            <strong>Result</strong> <RunStatusBadge status={state.phase} />
            {state.runId ? <Link to={`/runs/${encodeURIComponent(state.runId)}`}>Open the run</Link> : null}
          </div>
          {state.runError ? <div className="error">{state.runError}</div> : null}
          {state.outputs ? <pre>{JSON.stringify(state.outputs, null, 2)}</pre> : null}
        </div>
      ) : state.runId ? (
        <p>
          <Link to={`/runs/${encodeURIComponent(state.runId)}`}>Open the run</Link>
        </p>
      ) : null}
    </div>
  );
}

function NodeProgressTable({ nodes }: { readonly nodes: readonly NodeProgress[] }) {
  return (
    <table className="node-progress">
      <thead>
        <tr>
          <th>Node</th>
          <th>Status</th>
          <th>Took</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => (
          <tr key={node.nodeId}>
            <td>
              {node.title} <span className="muted">({node.type})</span>
              {node.error ? <div className="error">{node.error}</div> : null}
            </td>
            <td>
              <RunStatusBadge status={node.status === 'started' ? 'running' : node.status} />
            </td>
            <td className="muted">{formatDuration(node.startedAt, node.finishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
